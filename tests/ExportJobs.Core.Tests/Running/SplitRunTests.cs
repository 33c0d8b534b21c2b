using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;

namespace ExportJobs.Core.Tests.Running;

/// <summary>
/// Split runs (<c>split: { maxRecords, maxBytes }</c>, <c>{part}</c>) and the manifest, read back with independent
/// readers (CsvHelper's reader, JsonNode, XmlReader, the Open XML SDK).
/// </summary>
public sealed class SplitRunTests
{
    [Theory]
    [InlineData("csv", false)]
    [InlineData("json", false)]
    [InlineData("jsonl", false)]
    [InlineData("xml", false)]
    [InlineData("xlsx", false)]
    [InlineData("csv", true)]
    [InlineData("json", true)]
    public async Task SplitAt10000_25003Records_GiveThreeCompleteFiles_WithTheSameRecordsInOrder_AndAMatchingManifest(string format, bool compress)
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(25_003, descriptionLength: 20));
        var run = await harness.RunAsync(EngineHarness.Job(format, compress) with
        {
            FilenameTemplate = "out/{jobId}-{part}.{format}",
            Split = new ExportSplit { MaxRecords = 10_000 },
            Manifest = true,
        });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var files = run.Files!;
        var gz = compress ? ".gz" : string.Empty;
        Assert.Equal([$"out/{run.JobId}-0001.{format}{gz}", $"out/{run.JobId}-0002.{format}{gz}", $"out/{run.JobId}-0003.{format}{gz}"], files.Select(f => f.Name));
        Assert.Equal([10_000L, 10_000L, 5_003L], files.Select(f => f.Records));
        var ids = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(harness.DeliveredFolder, file.Name);
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal(bytes.Length, file.Bytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Checksum);
            Assert.Equal(path, file.Path);
            var rows = OutputReaders.Read(format, path);
            Assert.Equal(file.Records, rows.Count);
            ids.AddRange(rows.Select(r => r["id"]!.GetValue<string>()));
        }

        Assert.Equal(Enumerable.Range(0, 25_003).Select(i => "p" + i), ids);
        Assert.Equal(25_003, run.RecordCount);
        Assert.Equal(files.Sum(f => f.Bytes), run.FileSize);

        // The manifest: delivered last, named by the template without {part} and its separator, never gzipped.
        var manifestName = $"out/{run.JobId}.{format}.manifest.json";
        Assert.Equal(manifestName, harness.Destination.Deliveries[^1].FileName);
        Assert.Equal(4, harness.Destination.Deliveries.Count);
        var manifestPath = Path.Combine(harness.DeliveredFolder, manifestName);
        var manifestBytes = await File.ReadAllBytesAsync(manifestPath);
        Assert.Equal((manifestName, manifestPath), (run.FileName, run.DestinationPath));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), run.Checksum);
        var manifest = JsonNode.Parse(manifestBytes)!.AsObject();
        Assert.Equal(1, manifest["manifestVersion"]!.GetValue<int>());
        Assert.Equal((run.JobId, run.Id, format), (manifest["jobId"]!.GetValue<string>(), manifest["runId"]!.GetValue<string>(), manifest["format"]!.GetValue<string>()));
        Assert.Equal(compress ? "gzip" : null, manifest["compression"]?.GetValue<string>());
        Assert.True(manifest.ContainsKey("occurrence"));
        Assert.Equal(25_003, manifest["recordCount"]!.GetValue<long>());
        Assert.Equal(run.FileSize, manifest["fileSize"]!.GetValue<long>());
        var listed = manifest["files"]!.AsArray();
        Assert.Equal(files.Count, listed.Count);
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Equal(files[i].Name, listed[i]!["name"]!.GetValue<string>());
            Assert.Equal(files[i].Path, listed[i]!["path"]!.GetValue<string>());
            Assert.Equal(files[i].Records, listed[i]!["records"]!.GetValue<long>());
            Assert.Equal(files[i].Bytes, listed[i]!["bytes"]!.GetValue<long>());
            Assert.Equal(files[i].Checksum, listed[i]!["sha256"]!.GetValue<string>());
        }

        Assert.Empty(harness.FilesLeft());
    }

    [Theory]
    [InlineData("csv", false, 16 * 1024)]
    [InlineData("json", false, 16 * 1024)]
    [InlineData("jsonl", false, 16 * 1024)]
    [InlineData("xml", false, 16 * 1024)]
    [InlineData("csv", true, 2048)]
    [InlineData("json", true, 2048)]
    [InlineData("jsonl", true, 2048)]
    [InlineData("xml", true, 2048)]
    public async Task SplitByBytes_KeepsEveryDeliveredPartWithinTheLimit_AndLosesNoRecord(string format, bool compress, long maxBytes)
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(2_000, descriptionLength: 40));
        var run = await harness.RunAsync(EngineHarness.Job(format, compress) with
        {
            FilenameTemplate = "out/{jobId}-{part:5}.{format}",
            Split = new ExportSplit { MaxBytes = maxBytes },
        });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var files = run.Files!;
        Assert.True(files.Count > 3, $"{files.Count} parts; the test needs several to mean anything");
        var ids = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(harness.DeliveredFolder, file.Name);
            var length = new FileInfo(path).Length;
            Assert.Equal(length, file.Bytes);
            Assert.True(length <= maxBytes, $"{file.Name} has {length} bytes, over the limit of {maxBytes}");
            var rows = OutputReaders.Read(format, path);
            Assert.Equal(file.Records, rows.Count);
            ids.AddRange(rows.Select(r => r["id"]!.GetValue<string>()));
        }

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => "p" + i), ids);

        // Parts are filled, not cut early: every part but the last is more than half the limit.
        Assert.All(files.SkipLast(1), f => Assert.True(f.Bytes > maxBytes / 2, $"{f.Name} has only {f.Bytes} bytes"));

        // Without a manifest: the first part's checksum and name, and its folder as the destination path.
        Assert.Equal(files[0].Checksum, run.Checksum);
        Assert.Equal(files[0].Name, run.FileName);
        Assert.Equal(harness.DeliveredFolder + "/", run.DestinationPath);
    }

    [Fact]
    public async Task SplitByBytes_ARecordLargerThanTheLimit_IsAPartOfItsOwn()
    {
        var columns = new[] { new ExportColumn("description") };
        ExportRecord Record(string id, int length) => new() { Id = id, SchemaId = "s", Attributes = new Dictionary<string, object?> { ["description"] = new string('d', length) } };
        await using var harness = new EngineHarness(new ListRecordSource(columns, [Record("small-1", 100), Record("huge", 5_000), Record("small-2", 100), Record("small-3", 100)]));
        var run = await harness.RunAsync(EngineHarness.Job("csv") with
        {
            FilenameTemplate = "{jobId}-{part}.csv",
            Columns = [new ExportJobColumn("id"), new ExportJobColumn("description")],
            Split = new ExportSplit { MaxBytes = 1024 },
        });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var files = run.Files!;
        Assert.Equal([1L, 1L, 2L], files.Select(f => f.Records));
        Assert.True(files[1].Bytes > 1024);
        Assert.All(new[] { files[0], files[2] }, f => Assert.True(f.Bytes <= 1024));
        Assert.Equal(["huge"], OutputReaders.ReadCsv(Path.Combine(harness.DeliveredFolder, files[1].Name)).Select(r => r["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARunFailingAtPart3_RemovesThePartsDeliveredBefore_OrNamesWhatIsLeft(bool canRemove)
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(50));
        harness.Destination.FailAtDelivery = 3;
        harness.Destination.CanRemove = canRemove;
        var run = await harness.RunAsync(EngineHarness.Job("csv") with
        {
            FilenameTemplate = "{jobId}-{part}.csv",
            Split = new ExportSplit { MaxRecords = 10 },
            Manifest = true,
        });

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Equal(3, harness.Destination.Deliveries.Count);
        Assert.Contains($"'{run.JobId}-0003.csv' (part 3 of 5)", run.Error, StringComparison.Ordinal);
        Assert.Contains("test failure at delivery 3", run.Error, StringComparison.Ordinal);
        var first = Path.Combine(harness.DeliveredFolder, $"{run.JobId}-0001.csv");
        var second = Path.Combine(harness.DeliveredFolder, $"{run.JobId}-0002.csv");
        if (canRemove)
        {
            Assert.Empty(harness.Delivered());
            Assert.Equal([second, first], harness.Destination.Removed);
            Assert.Contains("removed again; nothing of this run is left at the destination", run.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal([first, second], harness.Delivered().Order(StringComparer.Ordinal));
            Assert.Contains($"Left at the destination, to remove by hand (2 of the 2 files delivered before; no manifest was written): {first}, {second}.", run.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task ManifestWithoutSplit_DeliversTheFileThenTheManifest()
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(5));
        var run = await harness.RunAsync(EngineHarness.Job("jsonl", compress: true) with { FilenameTemplate = "daily/{jobId}.jsonl", Manifest = true });

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        var file = Assert.Single(run.Files!);
        Assert.Equal($"daily/{run.JobId}.jsonl.gz", file.Name);
        Assert.Equal($"daily/{run.JobId}.jsonl.manifest.json", run.FileName);
        Assert.Equal([file.Name, run.FileName], harness.Destination.Deliveries.Select(d => d.FileName));
        Assert.Null(harness.Destination.Deliveries[1].ContentEncoding);
        Assert.StartsWith("application/json", harness.Destination.Deliveries[1].ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithoutSplitOrManifest_HasNoFiles_AsBefore()
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(5));
        var run = await harness.RunAsync(EngineHarness.Job("csv"));

        Assert.Equal(ExportRunStatus.Success, run.Status);
        Assert.Null(run.Files);
        Assert.Single(harness.Destination.Deliveries);
    }

    [Theory]
    [InlineData("csv", "{jobId}.csv", 10L, null, "filenameTemplate")]
    [InlineData("csv", "{jobId}-{part}.csv", 0L, null, "split.maxRecords")]
    [InlineData("csv", "{jobId}-{part}.csv", null, 100L, "split.maxBytes")]
    [InlineData("csv", "{jobId}-{part}.csv", null, null, "split")]
    [InlineData("xlsx", "{jobId}-{part}.xlsx", null, 1_000_000L, "split.maxBytes")]
    public async Task InvalidSplits_AreRefusedNamingTheField(string format, string template, long? maxRecords, long? maxBytes, string field)
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(1));

        var result = await harness.Manager.CreateAsync(EngineHarness.Job(format) with { FilenameTemplate = template, Split = new ExportSplit { MaxRecords = maxRecords, MaxBytes = maxBytes } });

        Assert.Null(result.Value);
        Assert.True(result.Errors!.Has(field), string.Join("; ", result.Errors.ToDictionary().Keys));
    }

    [Fact]
    public async Task APartPlaceholderWithoutSplit_IsRefused()
    {
        await using var harness = new EngineHarness(new GeneratedRecordSource(1));

        var result = await harness.Manager.CreateAsync(EngineHarness.Job("csv") with { FilenameTemplate = "{jobId}-{part}.csv" });

        Assert.True(result.Errors!.Has("filenameTemplate"));
    }
}
