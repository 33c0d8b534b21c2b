namespace ExportJobs.Network;

/// <summary>The addresses one destination type may reach beyond the public internet (<c>ExportJobs:Network:Destinations:&lt;type&gt;</c>).</summary>
public sealed class ExportJobsNetworkTypeOptions
{
    /// <summary>CIDR ranges, IP addresses or host names, as in <see cref="ExportJobsNetworkOptions.Allow"/>.</summary>
    public IList<string> Allow { get; } = [];
}
