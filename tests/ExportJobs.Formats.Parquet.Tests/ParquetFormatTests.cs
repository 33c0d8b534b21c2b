using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ParquetSharp;

namespace ExportJobs.Formats.Parquet.Tests;

/// <summary>The parquet plugin through the real engine; files read back with ParquetSharp (Apache Arrow's C++ reader), not Parquet.Net.</summary>
public sealed class ParquetFormatTests : IAsyncDisposable
{
    private static readonly ExportColumn[] Columns =
    [
        new("name") { Labels = new ExportColumnLabels("dim-language", new Dictionary<string, string> { ["seg-de"] = "Bezeichnung" }) },
        new("price") { ValueType = ExportValueType.Decimal },
        new("stock") { ValueType = ExportValueType.Integer },
        new("active") { ValueType = ExportValueType.Boolean },
        new("released") { ValueType = ExportValueType.DateTime },
        new("tags"),
    ];

    private readonly TempDirectory _folder = new();
    private readonly RecordingDestination _destination = new();

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Export_WithColumnsAndLabels_ReadsBackByParquetSharp_AsTheSameTypedRows()
    {
        var records = Enumerable.Range(0, 3).Select(i => new ExportRecord
        {
            Id = $"p-{i}",
            SchemaId = "shoes",
            ParentId = i == 2 ? "p-0" : null,
            UpdatedAt = new DateTimeOffset(2026, 3, 1, 12, 0, i, TimeSpan.FromHours(2)),
            Attributes = new Dictionary<string, object?>
            {
                ["name"] = DimensionalValue.For("dim-language", new Dictionary<string, object?> { ["seg-de"] = $"Schuh \"{i}\" ü\n" }),
                ["price"] = i == 1 ? null : 19.99m + i,
                ["stock"] = i * 7,
                ["active"] = i != 1,
                ["released"] = new DateOnly(2024, 2, 29 - i),
                ["tags"] = new[] { "a,b", $"t{i}" },
            },
        }).ToList();

        var (run, file) = await RunAsync(records, new ExportJobDefinition
        {
            Name = "parquet",
            DestinationType = RecordingDestination.TypeName,
            DestinationConfig = new JsonObject { ["path"] = "out" },
            Format = "parquet",
            Schedule = "0 2 * * *",
            IncludeVariants = true,
            DimensionScope = new Dictionary<string, string> { ["dim-language"] = "seg-de" },
            Headers = ExportHeaders.Labels,
            Columns = [new("id"), new("name"), new("price") { Default = JsonValue.Create(0) }, new("stock"), new("active"), new("released"), new("updatedAt"), new("tags"), new("parentId")],
        });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        using var reader = new ParquetFileReader(file);
        var schema = reader.FileMetaData.Schema;
        Assert.Equal(["id", "Bezeichnung", "price", "stock", "active", "released", "updatedAt", "tags", "parentId"], Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Name));
        Assert.Equal(3, reader.FileMetaData.NumRows);
        using var group = reader.RowGroup(0);
        Assert.Equal(["p-0", "p-1", "p-2"], group.Column(0).LogicalReader<string>().ReadAll(3));
        Assert.Equal(["Schuh \"0\" ü\n", "Schuh \"1\" ü\n", "Schuh \"2\" ü\n"], group.Column(1).LogicalReader<string>().ReadAll(3));
        Assert.Equal([19.99m, 0m, 21.99m], group.Column(2).LogicalReader<decimal?>().ReadAll(3));
        Assert.Equal([0L, 7L, 14L], group.Column(3).LogicalReader<long?>().ReadAll(3));
        Assert.Equal([true, false, true], group.Column(4).LogicalReader<bool?>().ReadAll(3));
        Assert.Equal(
            [new DateTime(2024, 2, 29), new DateTime(2024, 2, 28), new DateTime(2024, 2, 27)],
            group.Column(5).LogicalReader<DateTime?>().ReadAll(3).Select(d => d!.Value));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 1), group.Column(6).LogicalReader<DateTime?>().ReadAll(3)[1]);
        Assert.Equal("[\"a,b\",\"t1\"]", group.Column(7).LogicalReader<string>().ReadAll(3)[1]);
        Assert.Equal(new string?[] { null, null, "p-0" }, group.Column(8).LogicalReader<string?>().ReadAll(3));
    }

    [Fact]
    public async Task ManyRecords_AreWrittenInRowGroupsCappedByBytes()
    {
        var records = Enumerable.Range(0, 20_000).Select(i => new ExportRecord
        {
            Id = $"p-{i:D6}",
            SchemaId = "s",
            Attributes = new Dictionary<string, object?> { ["name"] = new string('n', 40), ["stock"] = i },
        }).ToList();

        var (run, file) = await RunAsync(records, Job(), o => o.RowGroupBytes = 256 * 1024);

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        using var reader = new ParquetFileReader(file);
        Assert.Equal(20_000, reader.FileMetaData.NumRows);
        Assert.True(reader.FileMetaData.NumRowGroups > 3, $"{reader.FileMetaData.NumRowGroups} row groups");
        var stock = new List<long?>();
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            stock.AddRange(group.Column(2).LogicalReader<long?>().ReadAll((int)group.MetaData.NumRows));
        }

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (long?)i), stock);
    }

    [Fact]
    public async Task ValueNotOfTheColumnsType_FailsTheRunNamingRecordAndColumn()
    {
        var records = new[] { new ExportRecord { Id = "p-bad", SchemaId = "s", Attributes = new Dictionary<string, object?> { ["stock"] = "many" } } };

        var (run, _) = await RunAsync(records, Job(), expectFile: false);

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("column 'stock' of record 'p-bad' is not a whole number: 'many' is not a whole number.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesRun_OfASourceReportingDeletions_WritesOpAsAStringColumn_TombstonesFirst()
    {
        var source = new DeletingSource();
        var services = Services(source);
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ExportJobs.Management.ExportJobManager>();
        var created = await manager.CreateAsync(Job() with { Mode = ExportMode.Changes, FilenameTemplate = "{runId}.{format}" });
        Assert.True(created.Value is not null, string.Join("; ", created.Errors?.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
        var jobId = created.Value!.Job.Id;
        var first = await TriggerAndWaitAsync(manager, jobId);
        source.Delete("p-2", DateTimeOffset.UtcNow.AddSeconds(1));
        source.Put("p-3", DateTimeOffset.UtcNow.AddSeconds(1));
        var second = await TriggerAndWaitAsync(manager, jobId);

        Assert.True(first.Status == ExportRunStatus.Success && second.Status == ExportRunStatus.Success, first.Error ?? second.Error);
        var destination = (RecordingDestination)provider.GetRequiredKeyedService<IExportDestination>(RecordingDestination.TypeName);
        Assert.Equal([("p-1", "upsert"), ("p-2", "upsert")], await ReadOpAsync(destination.Delivered[$"out/{first.FileName}"]));
        Assert.Equal([("p-2", "delete"), ("p-3", "upsert")], await ReadOpAsync(destination.Delivered[$"out/{second.FileName}"]));
        Assert.Equal(first.StartedAt, Assert.Single(source.DeletionsSince));
    }

    /// <summary>Reads the <c>id</c> and <c>op</c> columns back with ParquetSharp, checking that <c>op</c> is a UTF-8 string column.</summary>
    private async Task<List<(string Id, string Op)>> ReadOpAsync(byte[] bytes)
    {
        var path = _folder.File($"{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, bytes);
        using var reader = new ParquetFileReader(path);
        var schema = reader.FileMetaData.Schema;
        var names = Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Name).ToList();
        var op = names.IndexOf("op");
        Assert.True(op >= 0, $"no op column in {string.Join(", ", names)}");
        Assert.Equal(PhysicalType.ByteArray, schema.Column(op).PhysicalType);
        var rows = new List<(string, string)>();
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = (int)group.MetaData.NumRows;
            var ids = group.Column(names.IndexOf("id")).LogicalReader<string>().ReadAll(count);
            var ops = group.Column(op).LogicalReader<string>().ReadAll(count);
            rows.AddRange(ids.Zip(ops));
        }

        return rows;
    }

    private static async Task<ExportRun> TriggerAndWaitAsync(ExportJobs.Management.ExportJobManager manager, string jobId)
    {
        var started = await manager.TriggerAsync(jobId);
        Assert.NotNull(started.Value);
        var run = started.Value;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (run.Status == ExportRunStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 30 s.");
            await Task.Delay(20);
            run = (await manager.GetRunAsync(jobId, run.Id))!;
        }

        return run;
    }

    private static ExportJobDefinition Job() => new()
    {
        Name = "parquet",
        DestinationType = RecordingDestination.TypeName,
        DestinationConfig = new JsonObject { ["path"] = "out" },
        Format = "parquet",
        Schedule = "0 2 * * *",
        Columns = [new("id"), new("name"), new("stock")],
    };

    private async Task<(ExportRun Run, string File)> RunAsync(IReadOnlyList<ExportRecord> records, ExportJobDefinition job, Action<ParquetFormatOptions>? options = null, bool expectFile = true)
    {
        var services = Services(new Source(records), options);
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ExportJobs.Management.ExportJobManager>();
        var created = await manager.CreateAsync(job);
        Assert.True(created.Value is not null, string.Join("; ", created.Errors?.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
        var jobId = created.Value!.Job.Id;
        var started = await manager.TriggerAsync(jobId);
        Assert.NotNull(started.Value);
        var run = started.Value;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (run.Status == ExportRunStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 30 s.");
            await Task.Delay(20);
            run = (await manager.GetRunAsync(jobId, run.Id))!;
        }

        var destination = (RecordingDestination)provider.GetRequiredKeyedService<IExportDestination>(RecordingDestination.TypeName);
        if (!expectFile)
        {
            return (run, string.Empty);
        }

        var path = _folder.File("export.parquet");
        await File.WriteAllBytesAsync(path, Assert.Single(destination.Delivered).Value);
        return (run, path);
    }

    private ServiceCollection Services(IExportRecordSource source, Action<ParquetFormatOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddExportJobs(o => o.SpoolDirectory = _folder.File("spool"))
            .UseLiteDb($"Filename={_folder.File("jobs.db")}")
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName)
            .AddParquetFormat(options);
        services.AddSingleton(source);
        return services;
    }

    private sealed class Source(IReadOnlyList<ExportRecord> records) : IExportRecordSource
    {
        public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ExportColumn>>(Columns);

        public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var record in records)
            {
                yield return record;
            }
        }
    }

    /// <summary>A source that reports deletions: records by id with their change time, a deletion log, and every <c>since</c> asked for.</summary>
    private sealed class DeletingSource : IExportRecordSource
    {
        private readonly Dictionary<string, DateTimeOffset> _records = new(StringComparer.Ordinal) { ["p-1"] = DateTimeOffset.UnixEpoch, ["p-2"] = DateTimeOffset.UnixEpoch };
        private readonly List<ExportDeletion> _deletions = [];

        public List<DateTimeOffset> DeletionsSince { get; } = [];

        public bool ReportsDeletions => true;

        public void Delete(string id, DateTimeOffset at)
        {
            _records.Remove(id);
            _deletions.Add(new ExportDeletion { Id = id, SchemaId = "s", DeletedAt = at });
        }

        public void Put(string id, DateTimeOffset at) => _records[id] = at;

        public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ExportColumn>>(Columns);

        public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var (id, at) in _records.Where(r => scope.Since is not { } since || r.Value > since).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                yield return new ExportRecord { Id = id, SchemaId = "s", UpdatedAt = at, Attributes = new Dictionary<string, object?> { ["name"] = "n-" + id, ["stock"] = 1 } };
            }
        }

        public async IAsyncEnumerable<ExportDeletion> ReadDeletionsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            DeletionsSince.Add(scope.Since!.Value);
            foreach (var deletion in _deletions.Where(d => d.DeletedAt > scope.Since))
            {
                yield return deletion;
            }
        }
    }
}
