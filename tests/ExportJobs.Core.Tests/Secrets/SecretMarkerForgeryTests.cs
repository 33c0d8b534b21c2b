using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Storage.LiteDb;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Core.Tests.Secrets;

/// <summary>
/// A secret value sent through the API that looks like the stored encryption envelope (a webhook header named
/// <c>$protected</c>) is protected like any other and comes back exactly as sent, with or without a protector, and
/// also after a protector is added to a store written without one.
/// </summary>
public sealed class SecretMarkerForgeryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public static TheoryData<string> ForgedValues() => new()
    {
        """{"$protected":"forged"}""",
        """{"$protected":"enc:eyJhIjoxfQ=="}""",
        """{"$clear":"x"}""",
        """{"$clear":{"$protected":"forged"}}""",
        """{"$protected":{"nested":true}}""",
        """{"X-Api-Key":"k-123","$protected":"h"}""",
    };

    [Theory]
    [MemberData(nameof(ForgedValues))]
    public async Task ValueShapedLikeTheEnvelope_RoundTrips_WithAProtector_AndIsStoredEncrypted(string value)
    {
        var sent = JsonNode.Parse(value)!;
        var logs = new LogSink();
        var id = await CreateAsync(sent, protect: true, logs);

        var read = await ReadAsync(id, protect: true, logs);

        Assert.True(JsonNode.DeepEquals(sent, read), $"sent {value}, read {read?.ToJsonString()}");
        var raw = await RawTokenAsync(id);
        Assert.True(raw is JsonObject { Count: 1 } envelope && envelope["$protected"]!.GetValue<string>().StartsWith("enc:", StringComparison.Ordinal), raw?.ToJsonString());
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [MemberData(nameof(ForgedValues))]
    public async Task ValueShapedLikeTheEnvelope_RoundTrips_WithoutAProtector_AndAfterOneIsAdded(string value)
    {
        var sent = JsonNode.Parse(value)!;
        var logs = new LogSink();
        var id = await CreateAsync(sent, protect: false, logs);

        var withoutProtector = await ReadAsync(id, protect: false, logs);
        var withProtectorAddedLater = await ReadAsync(id, protect: true, logs);

        Assert.True(JsonNode.DeepEquals(sent, withoutProtector), $"sent {value}, read {withoutProtector?.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(sent, withProtectorAddedLater), $"sent {value}, read {withProtectorAddedLater?.ToJsonString()}");
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task PlainSecrets_StayPlainWithoutAProtector_AndAreReadAfterOneIsAdded()
    {
        var logs = new LogSink();
        var id = await CreateAsync(JsonValue.Create("plain-token-value"), protect: false, logs);

        Assert.Equal("plain-token-value", (await RawTokenAsync(id))!.GetValue<string>());
        Assert.Equal("plain-token-value", (await ReadAsync(id, protect: true, logs))!.GetValue<string>());
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> CreateAsync(JsonNode token, bool protect, LogSink logs)
    {
        await using var services = Services(protect, logs);
        var result = await services.GetRequiredService<ExportJobManager>().CreateAsync(new ExportJobDefinition
        {
            Name = "forgery",
            DestinationType = RecordingDestination.TypeName,
            DestinationConfig = new JsonObject { ["path"] = "out", ["token"] = token.DeepClone() },
            Format = "csv",
            Schedule = "0 2 * * *",
        });
        Assert.Null(result.Errors?.ToDictionary());
        return result.Value!.Job.Id;
    }

    private async Task<JsonNode?> ReadAsync(string id, bool protect, LogSink logs)
    {
        await using var services = Services(protect, logs);
        var job = await services.GetRequiredService<ExportJobStore>().GetJobAsync(id);
        return job!.DestinationConfig["token"];
    }

    /// <summary>The token as it is in the file, read without the library's wrapper.</summary>
    private async Task<JsonNode?> RawTokenAsync(string id)
    {
        using var store = new LiteDbExportJobStore($"Filename={_folder.File("jobs.db")}");
        return (await store.GetJobAsync(id))!.DestinationConfig["token"];
    }

    private ServiceProvider Services(bool protect, LogSink logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddExportJobs()
            .UseLiteDb($"Filename={_folder.File("jobs.db")}")
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        if (protect)
        {
            services.AddSingleton<ISecretProtector, ReversingSecretProtector>();
        }

        return services.BuildServiceProvider();
    }
}
