using System.Text.Json.Nodes;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Sftp;

[Collection(DestinationServers.Name)]
public sealed class SftpDestinationTests(SshdServer server) : IAsyncLifetime
{
    private readonly DestinationHarness _harness = new();
    private readonly string _folder = "exports-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deliver_WithPassword_FileDownloadedIndependentlyHasTheSameSha256(bool gzip)
    {
        using var file = await ExportFile.CreateAsync(2L * 1024 * 1024, gzip);

        var result = await _harness.DeliverAsync(file, "sftp", Config(), fileName: "daily/products.csv", gzip: gzip);

        var remote = $"{SshdServer.Home}/{_folder}/daily/products.csv{(gzip ? ".gz" : string.Empty)}";
        Assert.Equal($"sftp://127.0.0.1:{server.Port}{remote}", result.DestinationPath);
        Assert.Equal(file.Sha256, await DownloadSha256Async(remote));
        Assert.Equal([Path.GetFileName(remote)], await ListAsync($"{_folder}/daily"));
    }

    [Fact]
    public async Task Deliver_WithOpenSshPrivateKey_Delivers()
    {
        using var file = await ExportFile.CreateAsync(50_000);
        var config = Config();
        config.Remove("password");
        config["privateKey"] = server.OpenSshPrivateKey;

        await _harness.DeliverAsync(file, "sftp", config);

        Assert.Equal(file.Sha256, await DownloadSha256Async($"{SshdServer.Home}/{_folder}/products.csv"));
    }

    [Fact]
    public async Task Deliver_WithEncryptedPemPrivateKey_Delivers()
    {
        using var file = await ExportFile.CreateAsync(50_000);
        var config = Config();
        config.Remove("password");
        config["privateKey"] = server.PemPrivateKey;
        config["passphrase"] = server.PemPassphrase;

        await _harness.DeliverAsync(file, "sftp", config);

        Assert.Equal(file.Sha256, await DownloadSha256Async($"{SshdServer.Home}/{_folder}/products.csv"));
    }

    [Fact]
    public async Task Deliver_ExistingFile_IsReplacedAtomically()
    {
        using var first = await ExportFile.CreateAsync(10_000, seed: 1);
        using var second = await ExportFile.CreateAsync(20_000, seed: 2);

        await _harness.DeliverAsync(first, "sftp", Config());
        await _harness.DeliverAsync(second, "sftp", Config());

        Assert.Equal(second.Sha256, await DownloadSha256Async($"{SshdServer.Home}/{_folder}/products.csv"));
        Assert.Equal(["products.csv"], await ListAsync(_folder));
    }

    [Fact]
    public async Task Deliver_WrongPassword_FailsNamingTheLoginWithoutTheSecret()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        var config = Config();
        config["password"] = "wrong-password-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "sftp", config));

        Assert.Contains("rejected the login of user 'exportjobs-sftp'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((string)config["password"]!, error.ToString(), StringComparison.Ordinal);
        _harness.Logs.AssertContainsNone([(string)config["password"]!]);
    }

    [Fact]
    public async Task Deliver_RemoteSizeDiffersFromTheFile_PublishesNothingAndRemovesTheTemporaryFile()
    {
        // The run believes it sent one byte more than the server stored, as when bytes get lost on the way.
        using var file = await ExportFile.CreateAsync(50_000);
        var delivery = DestinationHarness.Delivery(file, "sftp", Config(), length: file.Length + 1);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.Get("sftp").DeliverAsync(delivery, CancellationToken.None));

        Assert.Contains($"arrived changed: the server stored {file.Length} bytes where {file.Length + 1} were sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(_folder));
    }

    [Fact]
    public async Task Deliver_HostKeyMismatch_RefusesToConnectAndShowsBothFingerprints()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        var config = Config();
        config["hostKeyFingerprint"] = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "sftp", config));

        Assert.Contains("does not match 'hostKeyFingerprint'", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.HostKeyFingerprint, error.Message, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(_folder));
    }

    [Fact]
    public async Task Deliver_ServerDown_FailsSayingItCouldNotConnect()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        using var down = LoopbackPorts.ReserveClosed();
        var config = Config();
        config["port"] = down.Port;

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "sftp", config));

        Assert.Contains("Could not connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ConnectionDroppedDuringUpload_LeavesNoFileNorTemporaryFile()
    {
        using var file = await ExportFile.CreateAsync(8L * 1024 * 1024);
        await using var proxy = new LoopbackProxy(server.Port, new DropAfterBytes(byteLimit: 1024 * 1024));
        var config = Config();
        config["port"] = proxy.Port;

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "sftp", config));

        Assert.True(proxy.DroppedConnections > 0, error.Message);
        Assert.Empty(await ListAsync(_folder));
    }

    [Fact]
    public void Validate_NoFingerprint_IsAccepted_TheConnectionIsRefusedInstead()
    {
        var errors = _harness.Validate("sftp", new JsonObject { ["host"] = "sftp.example.com", ["username"] = "u", ["password"] = "p" });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Deliver_NoFingerprintAndHostDoesNotTrustAnyKey_RefusesTheConnection_AndNamesThePresentedKey()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        var config = Config();
        config.Remove("hostKeyFingerprint");

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "sftp", config));

        Assert.Contains("sets no 'hostKeyFingerprint'", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.HostKeyFingerprint, error.Message, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(_folder));
    }

    [Fact]
    public async Task Deliver_NoFingerprintButHostTrustsAnyKey_Delivers()
    {
        using var harness = new DestinationHarness(sftp: o => o.TrustAnyHostKey = true);
        using var file = await ExportFile.CreateAsync(10_000);
        var config = Config();
        config.Remove("hostKeyFingerprint");

        await harness.DeliverAsync(file, "sftp", config);

        Assert.Equal(file.Sha256, await DownloadSha256Async($"{SshdServer.Home}/{_folder}/products.csv"));
    }

    [Fact]
    public void Validate_BadSettings_ReportsEveryFieldAtOnce()
    {
        var errors = _harness.Validate("sftp", new JsonObject { ["host"] = "a b", ["port"] = 70000, ["privateKey"] = "not a key", ["hostKeyFingerprint"] = "MD5:aa" });

        Assert.Equal(
            ["destinationConfig.host", "destinationConfig.hostKeyFingerprint", "destinationConfig.port", "destinationConfig.privateKey", "destinationConfig.username"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TestConnection_ValidSettings_PassesLoginAndWriteChecksAndLeavesNothing()
    {
        var result = await _harness.Get("sftp").TestConnectionAsync(Config(), CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Checks));
        Assert.Equal(["login", "write"], result.Checks.Select(c => c.Name));
        Assert.Empty(await ListAsync(_folder));
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([server.Password, server.PemPassphrase, server.OpenSshPrivateKey, server.PemPrivateKey]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private JsonObject Config() => server.DestinationConfig(_folder);

    private async Task<string> DownloadSha256Async(string remote)
    {
        using var client = server.CreateClient();
        await client.ConnectAsync(CancellationToken.None);
        await using var stream = client.OpenRead(remote);
        return await ExportFile.Sha256Of(stream);
    }

    private Task<List<string>> ListAsync(string folder) => server.ListHomeFolderAsync(folder);
}
