using ExportJobs.Testing;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;
using ParquetSharp;

namespace ExportJobs.AspNetCore.Tests.Sample;

public sealed class SampleExportTests : IClassFixture<SampleHost>
{
    private readonly SampleHost _host;
    private readonly HttpClient _client;

    public SampleExportTests(SampleHost host)
    {
        _host = host;
        _client = host.CreateClient();
    }

    public static TheoryData<string, bool> Formats()
    {
        var data = new TheoryData<string, bool>();
        foreach (var format in new[] { "csv", "json", "jsonl", "xml", "tsv" })
        {
            data.Add(format, false);
            data.Add(format, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Trigger_ExportsEveryRecordToLocalFolder_WithSizeAndChecksumOfTheFile(string format, bool compress)
    {
        var (job, run) = await _host.TriggerAndWaitAsync(_client, Job(format, $"all/{format}").With("compress", compress).With("includeVariants", true));

        Assert.True(run["status"]!.GetValue<string>() == "success", run["error"]?.ToString());
        var path = run["destinationPath"]!.GetValue<string>();
        Assert.Equal(Path.Combine(_host.ExportRoot, "all", format, run["fileName"]!.GetValue<string>()), path);
        Assert.Equal(compress, path.EndsWith($".{format}.gz", StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(bytes.Length, run["fileSize"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), run["checksum"]!.GetValue<string>());
        Assert.Equal(SampleHost.ProductCount, run["recordCount"]!.GetValue<long>());
        if (format != "tsv")
        {
            var records = OutputReaders.Read(format, path);
            Assert.Equal(SampleHost.ProductCount, records.Count);
            Assert.Equal("p-0000000", records[0]["id"]!.GetValue<string>());
            Assert.Equal("p-0000000", records[2]["parentId"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(SampleHost.ProductCount + 1, DecompressedLines(path, compress));
        }

        Assert.Empty(_host.SpoolFilesLeft());
        Assert.Contains(job["id"]!.GetValue<string>(), path, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_host.ExportRoot, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Parquet_FromThePluginPackage_IsAvailable_AndReadsBackByParquetSharpAsTypedColumns()
    {
        var scope = new Dictionary<string, string> { ["dim-language"] = "seg-de" };
        var job = Job("parquet", "plugin/parquet").With("includeVariants", true).With("dimensionScope", new JsonObject { ["dim-language"] = "seg-de" });

        var (_, run) = await _host.TriggerAndWaitAsync(_client, job);

        Assert.True(run["status"]!.GetValue<string>() == "success", run["error"]?.ToString());
        var path = run["destinationPath"]!.GetValue<string>();
        Assert.EndsWith(".parquet", path, StringComparison.Ordinal);
        var expected = Enumerable.Range(0, SampleHost.ProductCount).Select(i => DemoCatalog.Create(i)).ToList();
        using var reader = new ParquetFileReader(path);
        var schema = reader.FileMetaData.Schema;
        Assert.Equal(
            ExportFormatContext.RecordFields.Concat(DemoCatalog.Columns.Select(c => c.Code)),
            Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Name));
        Assert.Equal(SampleHost.ProductCount, reader.FileMetaData.NumRows);
        using var group = reader.RowGroup(0);
        var rows = (int)group.MetaData.NumRows;
        Assert.Equal(SampleHost.ProductCount, rows);
        Assert.Equal(expected.Select(r => r.Id), group.Column(0).LogicalReader<string>().ReadAll(rows));
        Assert.Equal(expected.Select(r => r.ParentId), group.Column(2).LogicalReader<string?>().ReadAll(rows));
        Assert.Equal(expected.Select(r => (string?)((DimensionalValue)r.Attributes["name"]!).Flatten(scope)), group.Column(6).LogicalReader<string?>().ReadAll(rows));
        Assert.Equal(expected.Select(r => (decimal?)r.Attributes["price"]), group.Column(8).LogicalReader<decimal?>().ReadAll(rows));
        Assert.Equal(expected.Select(r => (long?)(int)r.Attributes["stock"]!), group.Column(10).LogicalReader<long?>().ReadAll(rows));
        Assert.Equal(expected.Select(r => (bool?)r.Attributes["active"]), group.Column(11).LogicalReader<bool?>().ReadAll(rows));
        Assert.Equal(
            expected.Select(r => (DateTime?)((DateOnly)r.Attributes["releaseDate"]!).ToDateTime(TimeOnly.MinValue)),
            group.Column(12).LogicalReader<DateTime?>().ReadAll(rows));
    }

    [Fact]
    public async Task Filters_ExportOnlyTheScope_FlattenedToTheChosenSegment()
    {
        var job = Job("json", "filtered").With("schemaId", "shoes").With("catalogId", "cat-outlet").With("includeVariants", false).With("dimensionScope", new JsonObject { ["dim-language"] = "seg-fr" });

        var (_, run) = await _host.TriggerAndWaitAsync(_client, job);

        var expected = Enumerable.Range(0, SampleHost.ProductCount).Select(i => DemoCatalog.Create(i))
            .Where(r => r.SchemaId == "shoes" && r.CatalogIds.Contains("cat-outlet") && r.ParentId is null).ToList();
        Assert.NotEmpty(expected);
        var records = OutputReaders.Read("json", run["destinationPath"]!.GetValue<string>());
        Assert.Equal(expected.Select(r => r.Id), records.Select(r => r["id"]!.GetValue<string>()));
        Assert.Equal(expected.Count, run["recordCount"]!.GetValue<long>());
        Assert.All(records, r => Assert.Contains(r["name"]!.GetValue<string>(), new[] { "Coureur", "Botte de trail" }));
        Assert.Contains(records, r => r["description"] is null);
        Assert.All(records, r => Assert.Null(r["color"]));
    }

    [Fact]
    public async Task WithoutDimensionScope_LocalizedValuesStayObjectsKeyedByDimensionAndSegment()
    {
        var (_, run) = await _host.TriggerAndWaitAsync(_client, Job("jsonl", "unscoped"));

        var first = OutputReaders.Read("jsonl", run["destinationPath"]!.GetValue<string>())[0];
        Assert.Equal("Läufer", first["name"]!["dim-language"]!["seg-de"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangesMode_SecondRunExportsOnlyRecordsTouchedAfterTheFirstRunStarted()
    {
        var created = await _client.CreateJobAsync(Job("jsonl", "changes").With("mode", "changes").With("includeVariants", true));
        var id = created["id"]!.GetValue<string>();
        var first = await TriggerExistingAsync(id);
        foreach (var index in new[] { 4, 17, 200 })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsync($"/demo/records/{index}/touch", null)).StatusCode);
        }

        var second = await TriggerExistingAsync(id);

        Assert.Equal(SampleHost.ProductCount, first["recordCount"]!.GetValue<long>());
        Assert.Equal(3, second["recordCount"]!.GetValue<long>());
        var ids = OutputReaders.Read("jsonl", second["destinationPath"]!.GetValue<string>()).Select(r => r["id"]!.GetValue<string>());
        Assert.Equal(["p-0000004", "p-0000017", "p-0000200"], ids);
    }

    [Fact]
    public async Task Trigger_UnknownJob_Is404ProblemDetails()
    {
        var response = await _client.PostAsync("/export-jobs/nope/trigger", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task LocalFolder_PathLeavingTheRoot_IsRejected()
    {
        var response = await _client.PostJsonAsync("/export-jobs", Job("csv", "../outside"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("destinationConfig.path", (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task LocalFolder_ControlCharacterInPath_Is400_OnCreatePutPreviewAndTestConnection()
    {
        var created = await _client.CreateJobAsync(Job("csv", "fine"));
        var id = created["id"]!.GetValue<string>();
        var config = new JsonObject { ["path"] = "bad\u0000name" };

        await AssertPathRefusedAsync(await _client.PostJsonAsync("/export-jobs", Job("csv", "bad\u0000name")));
        await AssertPathRefusedAsync(await _client.PutJsonAsync($"/export-jobs/{id}", Job("csv", "bad\nname")));
        await AssertPathRefusedAsync(await _client.PostJsonAsync("/export-jobs/preview", Job("csv", "bad\u0000name")));
        await AssertPathRefusedAsync(await _client.PostJsonAsync("/export-jobs/test-connection", new JsonObject { ["destinationType"] = "local-folder", ["destinationConfig"] = config }));
    }

    [Fact]
    public async Task LocalFolder_PathThroughASymlinkInsideTheRoot_IsRejected()
    {
        using var outside = new TempDirectory();
        Directory.CreateDirectory(_host.ExportRoot);
        Directory.CreateSymbolicLink(Path.Combine(_host.ExportRoot, "linked"), outside.Path);

        var response = await _client.PostJsonAsync("/export-jobs", Job("csv", "linked/products"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("symbolic link", (await response.ReadJsonAsync())["errors"]!["destinationConfig.path"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalFolder_SymlinkCreatedAfterTheJob_FailsTheRun_AndWritesNothingOutsideTheRoot()
    {
        using var outside = new TempDirectory();
        var created = await _client.CreateJobAsync(Job("csv", "later/products"));
        Directory.CreateDirectory(_host.ExportRoot);
        Directory.CreateSymbolicLink(Path.Combine(_host.ExportRoot, "later"), outside.Path);

        var run = await TriggerAndWaitForEndAsync(created["id"]!.GetValue<string>());

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("symbolic link", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outside.Path, "*", SearchOption.AllDirectories));
    }

    private static async Task AssertPathRefusedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("control characters", JsonNode.Parse(text)!["errors"]!["destinationConfig.path"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonObject> TriggerAndWaitForEndAsync(string id)
    {
        var response = await _client.PostAsync($"/export-jobs/{id}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = (await (await _client.GetAsync(response.Headers.Location)).ReadJsonAsync()).AsObject();
            if (run["status"]!.GetValue<string>() != "running")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 30 s.");
            await Task.Delay(50);
        }
    }

    private async Task<JsonObject> TriggerExistingAsync(string id)
    {
        var response = await _client.PostAsync($"/export-jobs/{id}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        for (var i = 0; i < 600; i++)
        {
            var run = (await (await _client.GetAsync(response.Headers.Location)).ReadJsonAsync()).AsObject();
            if (run["status"]!.GetValue<string>() != "running")
            {
                Assert.Equal("success", run["status"]!.GetValue<string>());
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The run did not end within 30 s.");
    }

    private static int DecompressedLines(string path, bool compressed)
    {
        using var stream = compressed ? (Stream)new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress) : File.OpenRead(path);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static JsonObject Job(string format, string folder) => new JsonObject()
    {
        ["name"] = $"it {format}",
        ["destinationType"] = "local-folder",
        ["destinationConfig"] = new JsonObject { ["path"] = folder },
        ["format"] = format,
        ["schedule"] = "0 2 * * *",
        ["filenameTemplate"] = "products-{jobId}-{runId}.{format}",
    };
}

internal static class JsonObjectWith
{
    public static JsonObject With(this JsonObject obj, string key, JsonNode? value)
    {
        obj[key] = value;
        return obj;
    }
}
