namespace ExportJobs.Destinations.Sftp;

/// <summary>The <c>destinationConfig</c> of an <c>sftp</c> job, read and checked by <see cref="SftpDestinationSettingsValidator"/>.</summary>
internal sealed record SftpDestinationSettings
{
    public required string Host { get; init; }

    public int Port { get; init; } = 22;

    public required string Username { get; init; }

    public string? Password { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    public string? Path { get; init; }

    /// <summary>The expected host key's SHA-256 fingerprint as unpadded base64, without the <c>SHA256:</c> prefix.</summary>
    public string? HostKeyFingerprint { get; init; }

    public string Describe(string remotePath) =>
        $"sftp://{Host}{(Port == 22 ? string.Empty : ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(remotePath.StartsWith('/') ? string.Empty : "/")}{remotePath}";
}
