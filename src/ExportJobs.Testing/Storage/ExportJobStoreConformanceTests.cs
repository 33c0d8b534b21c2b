using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

/// <summary>
/// The storage contract in executable form. Every <see cref="ExportJobStore"/> provider's tests inherit this class and
/// supply a fresh, empty store; every test here must pass unchanged for every provider.
/// </summary>
/// <remarks>
/// Timestamps in the suite are whole microseconds (the precision PostgreSQL keeps) with a mix of UTC offsets: stores
/// compare and order them as instants and need not keep the offset.
/// </remarks>
public abstract partial class ExportJobStoreConformanceTests : IAsyncLifetime
{
    /// <summary>A fixed instant the suite's timestamps are built from.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 15, 123, 456, TimeSpan.Zero);

    private ExportJobStore? _store;

    /// <summary>The store under test, fresh and empty for each test.</summary>
    protected ExportJobStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Creates a fresh, empty store for one test.</summary>
    protected abstract Task<ExportJobStore> CreateStoreAsync();

    /// <summary>Releases a store created by <see cref="CreateStoreAsync"/> and whatever it used (files, schemas).</summary>
    /// <param name="store">The store.</param>
    protected abstract Task DisposeStoreAsync(ExportJobStore store);

    /// <inheritdoc/>
    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    /// <summary>A job with every field set to a non-default value.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="createdAt">When it was created; <see cref="T0"/> when omitted.</param>
    protected static ExportJob NewJob(string id, DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? T0;
        var definition = new ExportJobDefinition
        {
            Name = $"Job {id}",
            Description = "Nightly feed for the marketplace",
            DestinationType = "s3",
            DestinationConfig = new JsonObject
            {
                ["bucket"] = "exports",
                ["port"] = 9000,
                ["big"] = 12345678901234567,
                ["ratio"] = 0.1,
                ["exact"] = JsonNode.Parse("1.10"),
                ["enabled"] = true,
                ["disabled"] = false,
                ["nothing"] = null,
                ["$date"] = "not a date",
                ["nested"] = new JsonObject
                {
                    ["list"] = new JsonArray(1, 2.5, "x", true, null, new JsonObject { ["deep"] = new JsonArray() }),
                    ["empty"] = new JsonObject(),
                },
            },
            Format = "jsonl",
            SchemaId = "schema-1",
            CatalogId = "catalog-1",
            DimensionScope = new Dictionary<string, string> { ["dim-language"] = "seg-en", ["dim.channel"] = "seg-web" },
            Schedule = "15 2 * * 1-5",
            TimeZone = "Europe/Berlin",
            IncludeVariants = true,
            Compress = true,
            FilenameTemplate = "{jobId}/{date}-{time}",
            Active = false,
            Mode = ExportMode.Changes,
            Retention = new ExportRetention { MaxRuns = 250, MaxAgeDays = 30 },
            Columns =
            [
                new ExportJobColumn("id") { Header = "SKU" },
                new ExportJobColumn("name") { Header = "Name, \"quoted\" ü" },
                new ExportJobColumn("price") { Default = JsonValue.Create(0) },
                new ExportJobColumn("exact") { Default = (JsonValue)JsonNode.Parse("1.10")! },
                new ExportJobColumn("note") { Default = JsonValue.Create(string.Empty) },
                new ExportJobColumn("active") { Default = JsonValue.Create(false) },
            ],
            Headers = ExportHeaders.Labels,
        };
        return new ExportJob(id, definition)
        {
            CreatedAt = created.ToOffset(TimeSpan.FromHours(2)),
            UpdatedAt = created.AddMinutes(5).ToOffset(TimeSpan.FromHours(-5)),
            PausedReason = "3 failed runs in a row",
            Version = 7,
        };
    }

    /// <summary>A run of <paramref name="jobId"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="id">The run id.</param>
    /// <param name="startedAt">When it started.</param>
    /// <param name="status">Its status.</param>
    protected static ExportRun NewRun(string jobId, string id, DateTimeOffset startedAt, ExportRunStatus status = ExportRunStatus.Running) => new()
    {
        Id = id,
        JobId = jobId,
        Status = status,
        StartedAt = startedAt,
        CompletedAt = status == ExportRunStatus.Running ? null : startedAt.AddSeconds(42),
        RecordCount = status == ExportRunStatus.Success ? 5_000_000_000 : null,
        FileSize = status == ExportRunStatus.Success ? 3_000_000_000 : null,
        DestinationPath = status == ExportRunStatus.Success ? $"s3://exports/{id}.jsonl.gz" : null,
        Error = status == ExportRunStatus.Failed ? "Access denied by the bucket policy." : null,
        Checksum = status == ExportRunStatus.Success ? new string('a', 64) : null,
        FileName = $"{id}.jsonl.gz",
        ScheduledAt = startedAt.AddSeconds(-1).ToOffset(TimeSpan.FromHours(9)),
        Trigger = ExportRunTrigger.Retry,
        Attempt = 2,
        Owner = "web-2:4711",
        Epoch = 3,
        Cancelled = status == ExportRunStatus.Failed,
        CancelledBy = status == ExportRunStatus.Failed ? "alice" : null,
        Progress = status == ExportRunStatus.Running ? new ExportRunProgress(ExportRunProgressStage.Writer, 4_000_000_000, 6_000_000_000, startedAt.AddSeconds(9).ToOffset(TimeSpan.FromHours(-5))) : null,
    };

    /// <summary>Asserts that two jobs have the same value in every field (timestamps as instants).</summary>
    /// <param name="expected">The job that was stored.</param>
    /// <param name="actual">The job read back.</param>
    protected static void AssertSameJob(ExportJob expected, ExportJob? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.DestinationType, actual.DestinationType);
        Assert.Equal(expected.DestinationConfig.ToJsonString(), actual.DestinationConfig.ToJsonString());
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.SchemaId, actual.SchemaId);
        Assert.Equal(expected.CatalogId, actual.CatalogId);
        Assert.Equal(expected.DimensionScope?.OrderBy(p => p.Key, StringComparer.Ordinal), actual.DimensionScope?.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Schedule, actual.Schedule);
        Assert.Equal(expected.TimeZone, actual.TimeZone);
        Assert.Equal(expected.IncludeVariants, actual.IncludeVariants);
        Assert.Equal(expected.Compress, actual.Compress);
        Assert.Equal(expected.FilenameTemplate, actual.FilenameTemplate);
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.Mode, actual.Mode);
        Assert.Equal(ExportJobColumnsJson.Serialize(expected.Columns), ExportJobColumnsJson.Serialize(actual.Columns));
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.PausedReason, actual.PausedReason);
        Assert.Equal(expected.Retention, actual.Retention);
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
        Assert.Equal(expected.Version, actual.Version);
    }

    /// <summary>Asserts that two runs have the same value in every field (timestamps as instants).</summary>
    /// <param name="expected">The run that was stored.</param>
    /// <param name="actual">The run read back.</param>
    protected static void AssertSameRun(ExportRun expected, ExportRun? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Normalize(expected), Normalize(actual));
    }

    private static ExportRun Normalize(ExportRun run) => run with
    {
        StartedAt = run.StartedAt.ToUniversalTime(),
        CompletedAt = run.CompletedAt?.ToUniversalTime(),
        ScheduledAt = run.ScheduledAt?.ToUniversalTime(),
        Progress = run.Progress is { } progress ? progress with { UpdatedAt = progress.UpdatedAt.ToUniversalTime() } : null,
    };
}
