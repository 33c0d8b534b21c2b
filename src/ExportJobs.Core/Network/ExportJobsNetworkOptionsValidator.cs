using Microsoft.Extensions.Options;

namespace ExportJobs.Network;

/// <summary>Checks every entry of <see cref="ExportJobsNetworkOptions"/> and reports every problem at once.</summary>
internal sealed class ExportJobsNetworkOptionsValidator : IValidateOptions<ExportJobsNetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportJobsNetworkOptions options)
    {
        var failures = new List<string>();
        Check(options.Allow, ExportJobsNetworkOptions.SectionName + ":Allow", failures);
        foreach (var (type, typeOptions) in options.Destinations)
        {
            var key = $"{ExportJobsNetworkOptions.SectionName}:Destinations:{type}:Allow";
            if (string.IsNullOrWhiteSpace(type))
            {
                failures.Add($"{ExportJobsNetworkOptions.SectionName}:Destinations has an entry without a destination type name.");
            }
            else if (typeOptions is null)
            {
                failures.Add($"{key} is empty.");
            }
            else
            {
                Check(typeOptions.Allow, key, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(IList<string> entries, string key, List<string> failures)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!NetworkAllowEntry.TryParse(entries[i], out _))
            {
                failures.Add($"{key}:{i} '{entries[i]}' is neither a CIDR range (10.0.0.0/8, fd00::/8), an IP address nor a host name (minio.internal).");
            }
        }
    }
}
