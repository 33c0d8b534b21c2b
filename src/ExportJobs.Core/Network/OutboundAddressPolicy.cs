using System.Net;
using Microsoft.Extensions.Options;

namespace ExportJobs.Network;

/// <summary>
/// The one address policy of every outbound connection the library makes for a job: destinations, connection tests and
/// notifications. Refuses loopback, private, link-local, shared, multicast, broadcast, every other non-global
/// special-purpose address and this machine's own addresses unless <see cref="ExportJobsNetworkOptions"/> allows them.
/// </summary>
/// <remarks>
/// <para>
/// The decisive check runs at connect time, after DNS, on every address a name resolves to: a name with any refused
/// address is refused (nothing is connected), so DNS rebinding and round-robin tricks get nothing. Connections are made
/// to the checked addresses only. <see cref="CheckHost"/> repeats the check for IP literals and <c>localhost</c> when a
/// job is validated, so that a job that can never connect is a 400 instead of a failed run.
/// </para>
/// <para>
/// Plugin destinations use it too: <see cref="CreateHttpHandler"/> for HTTP clients, <see cref="ConnectAsync"/> for raw
/// TCP, <see cref="ResolveAsync"/> for client libraries that can only be given an address to connect to.
/// </para>
/// </remarks>
public sealed class OutboundAddressPolicy
{
    private readonly IOptionsMonitor<ExportJobsNetworkOptions> _options;
    private readonly IHostNameResolver _resolver;
    private readonly IOutboundConnector _connector;
    private readonly ILocalAddressSource _localAddresses;

    /// <summary>Creates the policy (the container does; hosts and plugins resolve it).</summary>
    /// <param name="options">The allowlists.</param>
    /// <param name="resolver">Resolves host names.</param>
    /// <param name="connector">Opens checked connections.</param>
    /// <param name="localAddresses">This machine's own addresses.</param>
    public OutboundAddressPolicy(IOptionsMonitor<ExportJobsNetworkOptions> options, IHostNameResolver resolver, IOutboundConnector connector, ILocalAddressSource localAddresses)
    {
        _options = options;
        _resolver = resolver;
        _connector = connector;
        _localAddresses = localAddresses;
    }

    /// <summary>
    /// Checks a host as written in a job's settings, without DNS: an IP literal or <c>localhost</c> that this host does not
    /// allow gives the message to report (naming <paramref name="setting"/>); anything else gives <see langword="null"/>
    /// and is checked again at connect time.
    /// </summary>
    /// <param name="connectionType">The destination type, e.g. <c>s3</c>.</param>
    /// <param name="host">The host part of the setting.</param>
    /// <param name="setting">The setting's name, e.g. <c>serviceUrl</c>.</param>
    public string? CheckHost(string connectionType, string host, string setting)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = NetworkAllowEntry.NormalizeHost(host);
        var allow = AllowEntries(connectionType);
        if (allow.Any(e => e.HostName == name))
        {
            return null;
        }

        IPAddress[] addresses = IPAddress.TryParse(name, out var literal) ? [literal]
            : name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : [];
        return addresses.Any(a => IsRefused(a, allow))
            ? $"'{setting}' points at a loopback, private, link-local or other non-public address, or at this machine, which this host does not allow for {connectionType} destinations. {AllowHint(connectionType)}"
            : null;
    }

    /// <summary>
    /// Resolves <paramref name="host"/> (an IP literal as itself) and checks every address.
    /// </summary>
    /// <param name="connectionType">The destination type, e.g. <c>sftp</c>.</param>
    /// <param name="host">The host to connect to.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The addresses to connect to, all of them allowed.</returns>
    /// <exception cref="OutboundConnectionRefusedException">An address is refused.</exception>
    public async ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string connectionType, string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = NetworkAllowEntry.NormalizeHost(host);
        var allow = AllowEntries(connectionType);
        var addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await _resolver.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new OutboundConnectionRefusedException($"The {connectionType} host '{host}' resolves to no address.");
        }

        if (allow.Any(e => e.HostName == name))
        {
            return addresses;
        }

        if (addresses.Any(a => IsRefused(a, allow)))
        {
            throw new OutboundConnectionRefusedException(
                $"The {connectionType} host '{host}' is, or resolves to, a loopback, private, link-local or other non-public address, or this machine, which this host does not allow. {AllowHint(connectionType)}");
        }

        return addresses;
    }

    /// <summary>Resolves and checks <paramref name="host"/>, then opens a TCP connection to a checked address.</summary>
    /// <param name="connectionType">The destination type.</param>
    /// <param name="host">The host to connect to.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <exception cref="OutboundConnectionRefusedException">An address is refused.</exception>
    public async ValueTask<Stream> ConnectAsync(string connectionType, string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(connectionType, host, cancellationToken).ConfigureAwait(false);
        return await _connector.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A new HTTP handler for one connection type: every new connection goes through <see cref="ConnectAsync"/>; no proxy,
    /// no redirects, no cookies; pooled connections live at most five minutes, so a changed allowlist applies soon. The
    /// caller owns (and disposes) it; share one per type rather than one per request, so connections are reused.
    /// </summary>
    /// <param name="connectionType">The destination type.</param>
    public SocketsHttpHandler CreateHttpHandler(string connectionType) =>
        new()
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(connectionType, context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken),
        };

    internal static string AllowHint(string connectionType) =>
        $"To allow it, add the host name or its address range to {ExportJobsNetworkOptions.SectionName}:Destinations:{connectionType}:Allow (or {ExportJobsNetworkOptions.SectionName}:Allow for every type) in the host's configuration.";

    private List<NetworkAllowEntry> AllowEntries(string connectionType)
    {
        var options = _options.CurrentValue;
        var entries = new List<NetworkAllowEntry>();
        IEnumerable<string> texts = options.Destinations.TryGetValue(connectionType, out var typeOptions) && typeOptions is not null
            ? options.Allow.Concat(typeOptions.Allow)
            : options.Allow;
        foreach (var text in texts)
        {
            if (NetworkAllowEntry.TryParse(text, out var entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private bool IsRefused(IPAddress address, List<NetworkAllowEntry> allow)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());
        if (allow.Any(e => e.Range is { } range && (range.Contains(plain) || range.Contains(address))))
        {
            return false;
        }

        return !SpecialPurposeAddresses.IsGlobal(address) || _localAddresses.GetAddresses().Contains(plain);
    }
}
