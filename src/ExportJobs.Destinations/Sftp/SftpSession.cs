using Renci.SshNet;
using Renci.SshNet.Common;

namespace ExportJobs.Destinations.Sftp;

/// <summary>One SFTP connection for one job's settings, with the host key checked against the job's fingerprint.</summary>
internal sealed class SftpSession : IDisposable
{
    private readonly SftpDestinationSettings _settings;
    private readonly SftpDestinationOptions _options;
    private readonly List<IDisposable> _keys = [];

    public SftpSession(SftpDestinationSettings settings, SftpDestinationOptions options)
    {
        _settings = settings;
        _options = options;
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

        var connection = new ConnectionInfo(settings.Host, settings.Port, settings.Username, [.. methods]) { Timeout = options.Timeout, RetryAttempts = 1 };
        Client = new SftpClient(connection) { OperationTimeout = options.Timeout };
        Client.HostKeyReceived += OnHostKeyReceived;
    }

    public SftpClient Client { get; }

    /// <summary>The fingerprint the server presented when it did not match, as <c>SHA256:…</c>.</summary>
    public string? RejectedFingerprint { get; private set; }

    /// <summary>The fingerprint the server presented when the job pins none and the host does not trust any key (the connection was refused).</summary>
    public string? UnpinnedFingerprint { get; private set; }

    public Task ConnectAsync(CancellationToken cancellationToken) => Client.ConnectAsync(cancellationToken);

    /// <summary>Turns a relative remote path into an absolute one (relative paths start at the login folder).</summary>
    public string Absolute(string path) =>
        path.StartsWith('/') ? path : Client.WorkingDirectory.TrimEnd('/') + "/" + path;

    public void Dispose()
    {
        Client.HostKeyReceived -= OnHostKeyReceived;
        Client.Dispose();
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
