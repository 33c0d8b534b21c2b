using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Api;

[Collection(DestinationServers.Name)]
public sealed class TestConnectionApiTests(S3rverServer s3, AzuriteServer azurite, SshdServer sshd)
    : IAsyncLifetime
{
    private const string WebhookSecret = "whsec-api-test-0123456789";
    private readonly string _bucket = "api-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _container = "api-" + Guid.NewGuid().ToString("N")[..12];
    private DestinationApiHost _host = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _host = await DestinationApiHost.StartAsync();
        _receiver = await WebhookReceiver.StartAsync(200);
        using var client = s3.CreateClient();
        await client.PutBucketAsync(_bucket);
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateAsync();
    }

    public static TheoryData<string> Types => new() { "s3", "azure-blob", "sftp", "webhook" };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task TestConnection_StoredJob_AnswersEveryCheckPassed(string type)
    {
        var job = await CreateAsync(type, Config(type));

        var response = await _host.PostAsync($"/export-jobs/{job["id"]}/test-connection", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await DestinationApiHost.ReadAsync(response);
        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
        Assert.NotEmpty(result["checks"]!.AsArray());
        Assert.All(result["checks"]!.AsArray(), c => Assert.True(c!["success"]!.GetValue<bool>()));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task CreateJob_ResponseMasksEverySecretAndPutWithTheMaskKeepsThem(string type)
    {
        var config = Config(type);
        var job = await CreateAsync(type, config);
        var shown = job["destinationConfig"]!.AsObject();
        var secretSetting = type switch { "s3" => "secretAccessKey", "azure-blob" => "connectionString", "sftp" => "password", _ => "secret" };
        Assert.Equal("********", shown[secretSetting]!.GetValue<string>());
        if (type != "s3")
        {
            // s3rver's secret key equals its access key id, which is not secret and shown.
            Assert.DoesNotContain(Secrets(type)[0], job.ToJsonString(), StringComparison.Ordinal);
        }

        var body = DestinationApiHost.Job(type, shown.DeepClone().AsObject());
        body["name"] = "Renamed";
        Assert.Equal(HttpStatusCode.OK, (await _host.PutAsync($"/export-jobs/{job["id"]}", body)).StatusCode);

        var result = await DestinationApiHost.ReadAsync(await _host.PostAsync($"/export-jobs/{job["id"]}/test-connection", null));

        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
    }

    [Fact]
    public async Task TestConnection_UnsavedConfigWithWrongPassword_FailsTheLoginCheckWithoutTheSecret()
    {
        var config = Config("sftp");
        config["password"] = "wrong-" + Guid.NewGuid().ToString("N");

        var response = await _host.PostAsync("/export-jobs/test-connection", new JsonObject { ["destinationType"] = "sftp", ["destinationConfig"] = config });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain((string)config["password"]!, text, StringComparison.Ordinal);
        var result = JsonNode.Parse(text)!;
        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Equal("login", result["checks"]![0]!["name"]!.GetValue<string>());
        Assert.Contains("rejected the login", result["checks"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        _host.Logs.AssertContainsNone([(string)config["password"]!]);
    }

    [Fact]
    public async Task TestConnection_UnsavedInvalidConfig_Answers400WithEveryField()
    {
        var response = await _host.PostAsync("/export-jobs/test-connection", new JsonObject { ["destinationType"] = "s3", ["destinationConfig"] = new JsonObject { ["partSizeMb"] = "big" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await DestinationApiHost.ReadAsync(response);
        Assert.Equal(["destinationConfig.bucket", "destinationConfig.partSizeMb"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TestConnection_UnknownJob_Answers404()
    {
        var response = await _host.PostAsync("/export-jobs/nope/test-connection", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TestConnection_EditedSettingsOfStoredJobWithMaskedSecret_UsesTheStoredSecret()
    {
        var job = await CreateAsync("s3", Config("s3"));
        var edited = job["destinationConfig"]!.DeepClone().AsObject();
        edited["bucket"] = "no-such-bucket";

        var result = await DestinationApiHost.ReadAsync(await _host.PostAsync($"/export-jobs/{job["id"]}/test-connection", new JsonObject { ["destinationType"] = "s3", ["destinationConfig"] = edited }));

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Contains("bucket 'no-such-bucket' does not exist", result["checks"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3", "serviceUrl", "secretAccessKey")]
    [InlineData("sftp", "host", "password")]
    [InlineData("webhook", "url", "secret")]
    public async Task MaskedSecretWithAnotherEndpoint_IsRefused_ByPutAndByTestConnection_AndNothingIsSentThere(string type, string endpoint, string secret)
    {
        await using var elsewhere = await WebhookReceiver.StartAsync(200);
        var job = await CreateAsync(type, Config(type));
        var edited = job["destinationConfig"]!.DeepClone().AsObject();
        edited[endpoint] = endpoint == "host" ? "localhost" : elsewhere.Url;

        var put = await _host.PutAsync($"/export-jobs/{job["id"]}", DestinationApiHost.Job(type, edited.DeepClone().AsObject()));
        var test = await _host.PostAsync($"/export-jobs/{job["id"]}/test-connection", new JsonObject { ["destinationType"] = type, ["destinationConfig"] = edited.DeepClone() });

        foreach (var response in new[] { put, test })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await DestinationApiHost.ReadAsync(response))["errors"]!.AsObject();
            Assert.Contains($"'{endpoint}' changed", errors[$"destinationConfig.{secret}"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(elsewhere.Requests);
        var stored = await DestinationApiHost.ReadAsync(await _host.Client.GetAsync(new Uri($"/export-jobs/{job["id"]}", UriKind.Relative)));
        Assert.Equal(job["destinationConfig"]![endpoint]!.ToJsonString(), stored["destinationConfig"]![endpoint]!.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        _host.Logs.AssertContainsNone(new[] { "s3", "azure-blob", "sftp", "webhook" }.SelectMany(Secrets));
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<JsonObject> CreateAsync(string type, JsonObject config)
    {
        var response = await _host.PostAsync("/export-jobs", DestinationApiHost.Job(type, config));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await DestinationApiHost.ReadAsync(response);
    }

    private string[] Secrets(string type) => type switch
    {
        "s3" => [S3rverServer.SecretAccessKey],
        "azure-blob" => [AzuriteServer.AccountKey],
        "sftp" => [sshd.Password],
        _ => [WebhookSecret],
    };

    private JsonObject Config(string type) => type switch
    {
        "s3" => s3.DestinationConfig(_bucket),
        "azure-blob" => new JsonObject { ["container"] = _container, ["connectionString"] = azurite.ConnectionString },
        "sftp" => sshd.DestinationConfig("api-" + Guid.NewGuid().ToString("N")[..8]),
        _ => new JsonObject { ["url"] = _receiver.Url, ["secret"] = WebhookSecret },
    };
}
