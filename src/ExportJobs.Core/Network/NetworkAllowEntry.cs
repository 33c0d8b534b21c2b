using System.Diagnostics.CodeAnalysis;

namespace ExportJobs.Network;

/// <summary>One parsed allowlist entry: an address range, or a host name matched exactly.</summary>
internal sealed record NetworkAllowEntry(IpRange? Range, string? HostName)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out NetworkAllowEntry? entry)
    {
        entry = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (IpRange.TryParse(value, out var range))
        {
            entry = new NetworkAllowEntry(range, null);
            return true;
        }

        var name = NormalizeHost(value);
        if (!value.Contains('/', StringComparison.Ordinal) && Uri.CheckHostName(name) == UriHostNameType.Dns)
        {
            entry = new NetworkAllowEntry(null, name);
            return true;
        }

        return false;
    }

    /// <summary>A host name as compared: lower case, without brackets or a trailing dot.</summary>
    public static string NormalizeHost(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
