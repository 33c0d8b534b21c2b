using ExportJobs.Testing.Servers;
using System.Globalization;

namespace ExportJobs.Testing.PostgreSql;

/// <summary>
/// A throw-away PostgreSQL server for tests and benchmarks: <c>initdb</c> into a temp folder and <c>pg_ctl</c> on a free
/// loopback port, stopped and deleted on dispose. Uses Debian's <c>postgresql</c> package binaries.
/// </summary>
/// <remarks>
/// <c>initdb</c> refuses to run as root, so when the tests run as root (CI does) the server runs as the
/// <c>postgres</c> user the package creates, through <c>runuser</c>, in a folder owned by that user.
/// </remarks>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string InstallHint = "Install it with 'apt-get install -y postgresql' (or run .ci/install-postgresql.sh as root).";
    private readonly string _binaries;
    private readonly string _folder;
    private readonly bool _asPostgresUser;

    private PostgreSqlServer(string binaries, string folder, int port, bool asPostgresUser)
    {
        _binaries = binaries;
        _folder = folder;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string for the <c>postgres</c> superuser and database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Maximum Pool Size=40;Timeout=15";

    /// <summary>Creates a cluster and starts the server.</summary>
    /// <param name="durable">
    /// <see langword="false"/> (tests) turns <c>fsync</c> and synchronous commit off for speed; <see langword="true"/>
    /// (benchmarks) keeps PostgreSQL's durable defaults.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The PostgreSQL binaries are not installed, or the server did not start.</exception>
    public static async Task<PostgreSqlServer> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), $"exportjobs-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (asPostgresUser)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", folder], cancellationToken: cancellationToken);
        }

        var server = new PostgreSqlServer(binaries, folder, LoopbackPorts.GetFree(), asPostgresUser);
        try
        {
            await server.PgAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], cancellationToken);
            await server.StartOnFreePortAsync(durable, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the folder is removed below either way.
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string DataFolder => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    // A port found free can be taken by another process before the server binds it; then start again on another.
    private async Task StartOnFreePortAsync(bool durable, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=200" +
                (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            try
            {
                await PgAsync("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-o", settings, "-w", "-t", "60", "start"], cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && File.Exists(LogFile) && LoopbackPorts.IsInUse(File.ReadAllText(LogFile)))
            {
                File.Delete(LogFile);
                Port = LoopbackPorts.GetFree();
            }
        }
    }

    private Task<string> PgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binaries, tool);
        return _asPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], cancellationToken: cancellationToken)
            : ProcessRunner.RunAsync(executable, arguments, cancellationToken: cancellationToken);
    }

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException($"The PostgreSQL server binaries (initdb, pg_ctl) were not found under {root}/*/bin. {InstallHint}");
    }
}
