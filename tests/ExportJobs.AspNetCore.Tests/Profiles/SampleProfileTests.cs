using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.AspNetCore.Tests.Sample;
using ExportJobs.Sample.Pim;
using ExportJobs.Testing;

namespace ExportJobs.AspNetCore.Tests.Profiles;

/// <summary>Export profiles through the sample host's API: create with columns, trigger, read the delivered file back.</summary>
public sealed class SampleProfileTests : IClassFixture<Sample.SampleHost>
{
    private readonly Sample.SampleHost _host;
    private readonly HttpClient _client;

    public SampleProfileTests(Sample.SampleHost host)
    {
        _host = host;
        _client = host.CreateClient();
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("xml")]
    [InlineData("xlsx")]
    public async Task CreateWithColumns_Trigger_DeliversTheChosenColumnsInOrderUnderTheirHeaders(string format)
    {
        var columns = new JsonArray
        {
            new JsonObject { ["source"] = "sku", ["header"] = "Article" },
            new JsonObject { ["source"] = "id" },
            new JsonObject { ["source"] = "name", ["header"] = "Product name" },
            new JsonObject { ["source"] = "color", ["default"] = "none" },
            new JsonObject { ["source"] = "parentId", ["header"] = "Parent" },
        };
        var body = Job(format, $"columns/{format}").With("includeVariants", true).With("columns", columns)
            .With("dimensionScope", new JsonObject { ["dim-language"] = "seg-en" });

        var (job, run) = await _host.TriggerAndWaitAsync(_client, body);

        Assert.True(run["status"]!.GetValue<string>() == "success", run["error"]?.ToString());
        Assert.Equal(
            """[{"source":"sku","header":"Article","default":null},{"source":"id","header":null,"default":null},{"source":"name","header":"Product name","default":null},{"source":"color","header":null,"default":"none"},{"source":"parentId","header":"Parent","default":null}]""",
            job["columns"]!.ToJsonString());
        Assert.Equal("codes", job["headers"]!.GetValue<string>());
        var records = OutputReaders.Read(format, run["destinationPath"]!.GetValue<string>());
        Assert.Equal(Sample.SampleHost.ProductCount, records.Count);
        Assert.All(records, r => Assert.Equal(["Article", "id", "Product name", "color", "Parent"], r.Select(p => p.Key)));
        var product = DemoCatalog.Create(0);
        Assert.Equal(product.Attributes["sku"], records[0]["Article"]!.GetValue<string>());
        Assert.Equal("Runner", records[0]["Product name"]!.GetValue<string>());
        Assert.Equal("none", records[0]["color"]!.GetValue<string>());
        Assert.Equal(DemoCatalog.Create(1).Attributes["color"], records[1]["color"]!.GetValue<string>());
        Assert.Equal("p-0000000", records[1]["Parent"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("seg-de", "Artikelnummer,Bezeichnung,Preis,Bestand,id")]
    [InlineData("seg-fr", "Référence,Nom,Prix,Stock,id")]
    [InlineData("seg-en", "SKU,Name,Price,Stock,id")]
    public async Task Labels_OfTheDemoSource_NameTheColumnsInTheScopedLanguage(string segment, string header)
    {
        var columns = new JsonArray
        {
            new JsonObject { ["source"] = "sku" },
            new JsonObject { ["source"] = "name" },
            new JsonObject { ["source"] = "price" },
            new JsonObject { ["source"] = "stock" },
            new JsonObject { ["source"] = "id" },
        };
        var body = Job("csv", $"labels/{segment}").With("columns", columns).With("headers", "labels")
            .With("dimensionScope", new JsonObject { ["dim-language"] = segment });

        var (job, run) = await _host.TriggerAndWaitAsync(_client, body);

        Assert.True(run["status"]!.GetValue<string>() == "success", run["error"]?.ToString());
        Assert.Equal("labels", job["headers"]!.GetValue<string>());
        var firstLine = File.ReadLines(run["destinationPath"]!.GetValue<string>()).First();
        Assert.Equal(header, firstLine);
    }

    [Fact]
    public async Task Labels_WithoutAScopeForTheirDimension_FallBackToTheCodes()
    {
        var body = Job("csv", "labels/unscoped").With("headers", "labels");

        var (_, run) = await _host.TriggerAndWaitAsync(_client, body);

        Assert.True(run["status"]!.GetValue<string>() == "success", run["error"]?.ToString());
        Assert.Equal(
            "id,schemaId,parentId,catalogIds,updatedAt,sku,name,description,price,currency,stock,active,releaseDate,tags,dimensions,color,size",
            File.ReadLines(run["destinationPath"]!.GetValue<string>()).First());
    }

    [Fact]
    public async Task BadColumns_Return400ListingEveryProblem()
    {
        var body = Job("csv", "bad").With("headers", "names").With("columns", new JsonArray
        {
            new JsonObject { ["source"] = "" },
            new JsonObject { ["source"] = "sku", ["header"] = "X" },
            new JsonObject { ["source"] = "name", ["header"] = "X" },
            new JsonObject { ["source"] = "price", ["header"] = " " },
            5,
            new JsonObject { ["source"] = "stock", ["heading"] = "Stock" },
            new JsonObject { ["source"] = "active", ["default"] = new JsonArray() },
            new JsonObject { ["header"] = "no source" },
            new JsonObject { ["source"] = "id" },
            new JsonObject { ["source"] = "sku", ["header"] = "id" },
        });

        var response = await _client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(
            ["columns[0].source", "columns[2].header", "columns[3].header", "columns[4]", "columns[5].heading", "columns[6].default", "columns[7].source", "columns[9].header", "headers"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("columns[1]", errors["columns[2].header"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("columns[8]", errors["columns[9].header"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await (await _client.GetAsync("/export-jobs")).ReadJsonAsync() is JsonArray jobs ? jobs.Where(j => j!["name"]!.GetValue<string>() == "bad") : []);
    }

    [Fact]
    public async Task Xlsx_WithCompress_Returns400OnCompress()
    {
        var response = await _client.PostJsonAsync("/export-jobs", Job("xlsx", "xlsx-gz").With("compress", true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["compress"], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task TooManyOrNoColumns_Return400()
    {
        var many = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode?)new JsonObject { ["source"] = $"a{i}" }).ToArray());

        var tooMany = await _client.PostJsonAsync("/export-jobs", Job("csv", "many").With("columns", many));
        var none = await _client.PostJsonAsync("/export-jobs", Job("csv", "none").With("columns", new JsonArray()));
        var notArray = await _client.PostJsonAsync("/export-jobs", Job("csv", "none").With("columns", "sku,name"));

        foreach (var response in new[] { tooMany, none, notArray })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["columns"], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        }
    }

    [Fact]
    public async Task Preview_OfAnUnsavedJob_ShowsTheMappedOutput()
    {
        var body = Job("csv", "preview").With("headers", "labels").With("dimensionScope", new JsonObject { ["dim-language"] = "seg-de" })
            .With("columns", new JsonArray { new JsonObject { ["source"] = "name" }, new JsonObject { ["source"] = "id", ["header"] = "Kennung" } });

        var response = await _client.PostJsonAsync("/export-jobs/preview?limit=1", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bezeichnung,Kennung\nLäufer,p-0000000\n", (await response.ReadJsonAsync())["content"]!.GetValue<string>().ReplaceLineEndings("\n"));
    }

    private static JsonObject Job(string format, string folder) => new()
    {
        ["name"] = $"profile {format} {folder}",
        ["destinationType"] = "local-folder",
        ["destinationConfig"] = new JsonObject { ["path"] = folder },
        ["format"] = format,
        ["schedule"] = "0 2 * * *",
        ["filenameTemplate"] = "{jobId}.{format}",
    };
}
