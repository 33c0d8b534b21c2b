using System.Net;

namespace ExportJobs.Network;

/// <summary>Resolves with <see cref="Dns"/>.</summary>
internal sealed class DnsHostNameResolver : IHostNameResolver
{
    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
