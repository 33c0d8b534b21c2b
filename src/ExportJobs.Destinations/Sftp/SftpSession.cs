using ExportJobs.Network;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ExportJobs.Destinations.Sftp;

/// <summary>One SFTP connection for one job's settings, with the host key checked against the job's fingerprint.</summary>
/// <remarks>
/// SSH.NET has no public socket seam, so the host is resolved and checked by the <see cref="OutboundAddressPolicy"/>
/// first and SSH.NET is given the checked address to connect to (the host key, not the name, proves the server),
/// through the <see cref="ISftpClientFactory"/> that tests replace so that no socket reaches a non-loopback address.
/// </remarks>
internal sealed class SftpSession : IDisposable
{
    private readonly SftpDestinationSettings _settings;
    private readonly SftpDestinationOptions _options;
    private readonly OutboundAddressPolicy _network;
    private readonly ISftpClientFactory _clients;
    private readonly List<IDisposable> _keys = [];
    private readonly AuthenticationMethod[] _methods;
    private SftpClient? _client;

    public SftpSession(SftpDestinationSettings settings, SftpDestinationOptions options, OutboundAddressPolicy network, ISftpClientFactory clients)
    {
        _settings = settings;
        _options = options;
        _network = network;
        _clients = clients;
        var methods = new List<AuthenticationMethod>();
        if (settings.PrivateKey is not null)
        {
            var key = SftpDestinationSettingsValidator.ReadKey(settings.PrivateKey, settings.Passphrase);
            _keys.Add(key);
            methods.Add(new PrivateKeyAuthenticationMethod(settings.Username, key));
        }

        if (settings.Password is not null)
        {
            methods.Add(new PasswordAuthenticationMethod(settings.Username, settings.Password));
        }

        _methods = [.. methods];
    }

    /// <summary>The connected client; only after <see cref="ConnectAsync"/>.</summary>
    public SftpClient Client => _client ?? throw new InvalidOperationException("The SFTP session is not connected yet.");

    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>The fingerprint the server presented when it did not match, as <c>SHA256:…</c>.</summary>
    public string? RejectedFingerprint { get; private set; }

    /// <summary>The fingerprint the server presented when the job pins none and the host does not trust any key (the connection was refused).</summary>
    public string? UnpinnedFingerprint { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var addresses = await _network.ResolveAsync(SftpDestination.TypeName, _settings.Host, timeout.Token).ConfigureAwait(false);
        var connection = new ConnectionInfo(addresses[0].ToString(), _settings.Port, _settings.Username, _methods) { Timeout = _options.Timeout, RetryAttempts = 1 };
        _client = _clients.Create(connection);
        _client.OperationTimeout = _options.Timeout;
        _client.HostKeyReceived += OnHostKeyReceived;
        await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns a relative remote path into an absolute one (relative paths start at the login folder).</summary>
    public string Absolute(string path) =>
        path.StartsWith('/') ? path : Client.WorkingDirectory.TrimEnd('/') + "/" + path;

    public void Dispose()
    {
        if (_client is not null)
        {
            _client.HostKeyReceived -= OnHostKeyReceived;
            _client.Dispose();
        }

        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        if (_settings.HostKeyFingerprint is null)
        {
            e.CanTrust = _options.TrustAnyHostKey;
            if (!e.CanTrust)
            {
                UnpinnedFingerprint = SftpDestinationSettingsValidator.FingerprintPrefix + e.FingerPrintSHA256.TrimEnd('=');
            }

            return;
        }

        e.CanTrust = string.Equals(e.FingerPrintSHA256.TrimEnd('='), _settings.HostKeyFingerprint, StringComparison.Ordinal);
        if (!e.CanTrust)
        {
            RejectedFingerprint = SftpDestinationSettingsValidator.FingerprintPrefix + e.FingerPrintSHA256.TrimEnd('=');
        }
    }
}
