using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Destinations.Common;
using ExportJobs.Network;
using ExportJobs.Validation;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ExportJobs.Destinations.Sftp;

/// <summary>Reads an <c>sftp</c> <c>destinationConfig</c> and reports every problem at once.</summary>
internal static class SftpDestinationSettingsValidator
{
    public const string FingerprintPrefix = "SHA256:";

    public static readonly string[] Known = ["host", "port", "username", "password", "privateKey", "passphrase", "path", "hostKeyFingerprint"];

    public static readonly string[] Secrets = ["password", "privateKey", "passphrase"];

    public static SftpDestinationSettings? Read(JsonObject config, SftpDestinationOptions options, OutboundAddressPolicy network, ValidationErrors errors)
    {
        var before = errors.ToDictionary().Count;
        JsonSettings.RejectUnknown(config, Known, errors);
        var host = JsonSettings.String(config, "host", errors, required: true);
        if (host is not null && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add("host", "'host' must be a host name or IP address, without scheme or port (e.g. sftp.example.com).");
        }
        else if (host is not null && network.CheckHost(SftpDestination.TypeName, host, "host") is { } refused)
        {
            errors.Add("host", refused);
        }

        var username = JsonSettings.String(config, "username", errors, required: true);
        var password = JsonSettings.String(config, "password", errors);
        var privateKey = JsonSettings.String(config, "privateKey", errors);
        var passphrase = JsonSettings.String(config, "passphrase", errors);
        if (password is null && privateKey is null && !errors.Has("password") && !errors.Has("privateKey"))
        {
            errors.Add("password", "Set 'password' or 'privateKey' (OpenSSH or PEM format).");
        }

        if (privateKey is not null && !CanReadKey(privateKey, passphrase))
        {
            errors.Add("privateKey", "'privateKey' could not be read: give the whole key file (OpenSSH or PEM, with its BEGIN/END lines), and 'passphrase' when it is encrypted.");
        }

        var path = JsonSettings.String(config, "path", errors);
        if (ObjectPath.Problem(path) is { } pathProblem)
        {
            errors.Add("path", $"'path' {pathProblem}");
        }

        var fingerprint = JsonSettings.String(config, "hostKeyFingerprint", errors);
        var normalized = fingerprint is null ? null : Normalize(fingerprint);
        if (fingerprint is not null && normalized is null)
        {
            errors.Add("hostKeyFingerprint", "'hostKeyFingerprint' must be a SHA-256 fingerprint as 'ssh-keygen -lf <key>' prints it, e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s.");
        }

        var settings = new SftpDestinationSettings
        {
            Host = host ?? string.Empty,
            Port = JsonSettings.Int(config, "port", errors, 1, 65535) ?? 22,
            Username = username ?? string.Empty,
            Password = password,
            PrivateKey = privateKey,
            Passphrase = passphrase,
            Path = path,
            HostKeyFingerprint = normalized,
        };
        return errors.ToDictionary().Count == before ? settings : null;
    }

    /// <summary>Returns the fingerprint as unpadded base64 (what SSH.NET reports), or <see langword="null"/> when it is not a SHA-256 fingerprint.</summary>
    public static string? Normalize(string fingerprint)
    {
        var text = fingerprint.Trim();
        if (text.StartsWith(FingerprintPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[FingerprintPrefix.Length..];
        }

        text = text.TrimEnd('=');
        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64String(text.PadRight(44, '='), bytes, out var written) && written == 32 ? text : null;
    }

    public static PrivateKeyFile ReadKey(string privateKey, string? passphrase)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(privateKey.Replace("\r\n", "\n", StringComparison.Ordinal)));
        return passphrase is null ? new PrivateKeyFile(stream) : new PrivateKeyFile(stream, passphrase);
    }

    private static bool CanReadKey(string privateKey, string? passphrase)
    {
        try
        {
            ReadKey(privateKey, passphrase).Dispose();
            return true;
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
