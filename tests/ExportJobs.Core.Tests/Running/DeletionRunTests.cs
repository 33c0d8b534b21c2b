using System.Runtime.CompilerServices;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;

namespace ExportJobs.Core.Tests.Running;

/// <summary>
/// Deletions in <c>changes</c> mode: a source that reports them gets tombstones (<c>op: delete</c>) before the changed
/// records (<c>op: upsert</c>) in every format, read back with independent readers; a source that does not is unchanged.
/// </summary>
public sealed class DeletionRunTests
{
    private static readonly ExportColumn[] Columns = [new("name")];

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("xml")]
    [InlineData("xlsx")]
    public async Task ChangesRun_OfASourceReportingDeletions_WritesTombstonesFirst_WithOpInEveryRow(string format)
    {
        var source = new DeletingSource();
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job(format) with { Mode = ExportMode.Changes, FilenameTemplate = "out/{runId}.{format}" });

        var first = await (await harness.StartAsync(job)).Completion;
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        source.Delete("r-2", harness.Time.GetUtcNow());
        source.Put("r-3", "Sandal", harness.Time.GetUtcNow());
        var second = await (await harness.StartAsync(job)).Completion;

        Assert.True(second.Status == ExportRunStatus.Success, second.Error);
        var firstRows = OutputReaders.Read(format, Path.Combine(harness.DeliveredFolder, first.FileName!));
        Assert.Equal([("r-1", "upsert"), ("r-2", "upsert")], firstRows.Select(r => (r["id"]!.GetValue<string>(), r["op"]!.GetValue<string>())));
        var rows = OutputReaders.Read(format, Path.Combine(harness.DeliveredFolder, second.FileName!));
        Assert.Equal([("r-2", "delete"), ("r-3", "upsert")], rows.Select(r => (r["id"]!.GetValue<string>(), r["op"]!.GetValue<string>())));
        Assert.True(rows[0]["name"] is null || rows[0]["name"]!.GetValue<string>().Length == 0, "a tombstone has no attribute values");
        Assert.Equal("Sandal", rows[1]["name"]!.GetValue<string>());
        Assert.Equal(2, second.RecordCount);
        Assert.Equal(first.StartedAt, source.DeletionsSince.Single());
    }

    [Fact]
    public async Task OpCanBeNamedAsAColumn_AndAFullRunOfTheSameSourceHasNoOpUnlessNamed()
    {
        var source = new DeletingSource();
        await using var harness = new EngineHarness(source);
        var named = await harness.RunAsync(EngineHarness.Job("csv") with { Columns = [new ExportJobColumn("op") { Header = "Operation" }, new ExportJobColumn("id")] });
        var full = await harness.RunAsync(EngineHarness.Job("jsonl"));

        var namedRows = OutputReaders.ReadCsv(Path.Combine(harness.DeliveredFolder, named.FileName!));
        Assert.Equal(["Operation", "id"], namedRows[0].Select(p => p.Key));
        Assert.All(namedRows, r => Assert.Equal("upsert", r["Operation"]!.GetValue<string>()));
        Assert.All(OutputReaders.ReadJsonLines(Path.Combine(harness.DeliveredFolder, full.FileName!)), r => Assert.False(r.ContainsKey("op")));
        Assert.Empty(source.DeletionsSince);
    }

    [Fact]
    public async Task ChangesRun_OfASourceWithoutDeletionSupport_IsUnchanged_NoOpColumn()
    {
        var source = new ListRecordSource(Columns, [new ExportRecord { Id = "r-1", SchemaId = "s", Attributes = new Dictionary<string, object?> { ["name"] = "Shoe" } }]);
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job("csv") with { Mode = ExportMode.Changes, FilenameTemplate = "out/{runId}.csv" });

        await (await harness.StartAsync(job)).Completion;
        var second = await (await harness.StartAsync(job)).Completion;

        Assert.Equal("id,schemaId,parentId,catalogIds,updatedAt,name", File.ReadLines(Path.Combine(harness.DeliveredFolder, second.FileName!)).First());
    }

    /// <summary>A source with deletions: records by id, a deletion log, and the <c>since</c> of every deletion read.</summary>
    private sealed class DeletingSource : IExportRecordSource
    {
        private readonly Dictionary<string, ExportRecord> _records = new(StringComparer.Ordinal)
        {
            ["r-1"] = Record("r-1", "Shoe", DateTimeOffset.UnixEpoch),
            ["r-2"] = Record("r-2", "Boot", DateTimeOffset.UnixEpoch),
        };

        private readonly List<ExportDeletion> _deletions = [];

        public List<DateTimeOffset?> DeletionsSince { get; } = [];

        public bool ReportsDeletions => true;

        public void Put(string id, string name, DateTimeOffset at) => _records[id] = Record(id, name, at);

        public void Delete(string id, DateTimeOffset at)
        {
            _records.Remove(id);
            _deletions.Add(new ExportDeletion { Id = id, DeletedAt = at, SchemaId = "s" });
        }

        public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ExportColumn>>(Columns);

        public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var record in _records.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList())
            {
                yield return record;
            }
        }

        public async IAsyncEnumerable<ExportDeletion> ReadDeletionsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            DeletionsSince.Add(scope.Since);
            await Task.Yield();
            foreach (var deletion in _deletions.Where(d => d.DeletedAt > scope.Since).ToList())
            {
                yield return deletion;
            }
        }

        private static ExportRecord Record(string id, string name, DateTimeOffset at) =>
            new() { Id = id, SchemaId = "s", UpdatedAt = at, Attributes = new Dictionary<string, object?> { ["name"] = name } };
    }
}
