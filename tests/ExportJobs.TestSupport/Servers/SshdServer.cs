using System.Security.Cryptography;
using Xunit;

namespace ExportJobs.Testing.Servers;

/// <summary>
/// A private OpenSSH <c>sshd</c> on a free 127.0.0.1 port with its own config, host key and pid file, serving SFTP
/// (internal-sftp) to a local test user with a random password and two client keys (OpenSSH and PEM format). Needs
/// root (it creates the user) and Debian's openssh-server.
/// </summary>
public sealed class SshdServer : IAsyncLifetime
{
    /// <summary>The test user's name.</summary>
    public const string UserName = "exportjobs-sftp";

    /// <summary>The test user's home: not under a world-writable folder, as sshd requires.</summary>
    public const string Home = "/var/lib/exportjobs-sftp";

    private const string SshdPath = "/usr/sbin/sshd";

    /// <summary>
    /// Where the test user's password is kept (root only). The user is one per machine, so every test process on the
    /// machine (test projects run in parallel, and several suites may run at once) must set the same password: the
    /// first process to get here creates it, all others read it.
    /// </summary>
    private const string PasswordFile = Home + ".password";

    private static readonly Lazy<string> SharedPasswordValue = new(ReadOrCreatePassword);
    private static readonly Lazy<Task> UserReady = new(EnsureUserAsync);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("exportjobs-sshd-");
    private ServerProcess? _process;

    /// <summary>The port it listens on, once started.</summary>
    public int Port => _process?.Port ?? throw new InvalidOperationException("sshd has not been started.");

    /// <summary>The test user's password (random per machine, kept in a root-only file).</summary>
    public string Password => SharedPasswordValue.Value;

    /// <summary>The host key's fingerprint exactly as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>).</summary>
    public string HostKeyFingerprint { get; private set; } = string.Empty;

    /// <summary>An unencrypted ed25519 client key in OpenSSH format.</summary>
    public string OpenSshPrivateKey { get; private set; } = string.Empty;

    /// <summary>An RSA client key in PEM format, encrypted with <see cref="PemPassphrase"/>.</summary>
    public string PemPrivateKey { get; private set; } = string.Empty;

    /// <summary>The passphrase of <see cref="PemPrivateKey"/>.</summary>
    public string PemPassphrase { get; } = "pp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Starts sshd.</summary>
    public async Task InitializeAsync()
    {
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException($"OpenSSH's sshd is not installed ({SshdPath} is missing). {RepositoryPaths.InstallHint}");
        }

        if (!OperatingSystem.IsLinux() || !string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The SFTP tests run a private sshd and create a local test user, which needs Linux and root (CI runs as root).");
        }

        var dir = _dir.FullName;
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Directory.CreateDirectory("/run/sshd");
        await UserReady.Value;
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", Path.Combine(dir, "host_key")]);
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", Path.Combine(dir, "client_openssh")]);
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", PemPassphrase, "-f", Path.Combine(dir, "client_pem")]);
        HostKeyFingerprint = (await ProcessRunner.RunAsync("ssh-keygen", ["-lf", Path.Combine(dir, "host_key.pub")])).Split(' ')[1];
        OpenSshPrivateKey = await File.ReadAllTextAsync(Path.Combine(dir, "client_openssh"));
        PemPrivateKey = await File.ReadAllTextAsync(Path.Combine(dir, "client_pem"));
        var authorizedKeys = Path.Combine(dir, "authorized_keys");
        await File.WriteAllTextAsync(authorizedKeys, await File.ReadAllTextAsync(Path.Combine(dir, "client_openssh.pub")) + await File.ReadAllTextAsync(Path.Combine(dir, "client_pem.pub")));
        _process = await ServerProcess.StartAsync("sshd", SshdPath, port => ["-D", "-e", "-f", WriteConfig(dir, port, authorizedKeys)], port => $"Server listening on 127.0.0.1 port {port}.", RepositoryPaths.InstallHint);
    }

    /// <summary>Stops sshd and deletes its config and keys.</summary>
    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _dir.Delete(recursive: true);
    }

    private static string WriteConfig(string dir, int port, string authorizedKeys)
    {
        var config = Path.Combine(dir, "sshd_config");
        File.WriteAllLines(config,
        [
            $"Port {port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {dir}/host_key",
            $"PidFile {dir}/sshd.pid",
            $"AuthorizedKeysFile {authorizedKeys}",
            "UsePAM no",
            "StrictModes no",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin no",
            $"AllowUsers {UserName}",
            "Subsystem sftp internal-sftp",
            "LogLevel INFO",
        ]);
        return config;
    }

    private static async Task EnsureUserAsync()
    {
        if (!(await File.ReadAllLinesAsync("/etc/passwd")).Any(l => l.StartsWith(UserName + ":", StringComparison.Ordinal)))
        {
            await ProcessRunner.RunAsync("useradd", ["--home-dir", Home, "--shell", "/bin/sh", UserName]);
        }

        await ProcessRunner.RunAsync("install", ["-d", "-o", UserName, "-g", UserName, "-m", "0755", Home]);

        await ProcessRunner.RunAsync("chpasswd", [], standardInput: $"{UserName}:{SharedPasswordValue.Value}\n");
    }

    private static string ReadOrCreatePassword()
    {
        if (!File.Exists(PasswordFile))
        {
            // Written aside, then moved into place without overwriting: a process that loses the race reads the winner's.
            var candidate = $"{PasswordFile}.{Environment.ProcessId}.tmp";
            File.WriteAllText(candidate, "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(candidate, PasswordFile, overwrite: false);
            }
            catch (IOException) when (File.Exists(PasswordFile))
            {
                File.Delete(candidate);
            }
        }

        return File.ReadAllText(PasswordFile).Trim();
    }
}
