using System.Net;

namespace ExportJobs.Network;

/// <summary>Resolves host names for <see cref="OutboundAddressPolicy"/>; the default uses the system's DNS resolver.</summary>
/// <remarks>Replace it (register your own before <c>AddExportJobs()</c>) for a custom resolver, or in tests to map names to addresses.</remarks>
public interface IHostNameResolver
{
    /// <summary>Every address <paramref name="host"/> resolves to.</summary>
    /// <param name="host">A host name (never an IP literal).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
