using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>The sample host (demo PIM source, local-folder plugin) over a temp LiteDB file and a temp export root.</summary>
public sealed class SampleHost : WebApplicationFactory<Program>
{
    public const int ProductCount = 300;
    private readonly TempDirectory _folder = new();

    public string ExportRoot => _folder.File("exports");

    public string SpoolFolder => _folder.File("spool");

    /// <summary>More settings for the sample (for example <c>Sample:HoldBeforePublish</c>); set them before the first client is created.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:ExportJobs", $"Filename={_folder.File("sample.db")}");
        builder.UseSetting("Sample:ExportRoot", ExportRoot);
        builder.UseSetting("Sample:ProductCount", ProductCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Sample:SeedJobs", "false");
        builder.UseSetting("ExportJobs:SpoolDirectory", SpoolFolder);
        builder.UseSetting("ExportJobs:CompressionLevel", "Fastest");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Creates a job, triggers it, checks the 202, and polls the run until it ends.</summary>
    public async Task<(JsonObject Job, JsonObject Run)> TriggerAndWaitAsync(HttpClient client, JsonObject job)
    {
        var created = await client.CreateJobAsync(job);
        var id = created["id"]!.GetValue<string>();
        var response = await client.PostAsync($"/export-jobs/{id}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal("running", started["status"]!.GetValue<string>());
        var runId = started["id"]!.GetValue<string>();
        Assert.Equal($"/export-jobs/{id}/runs/{runId}", response.Headers.Location!.OriginalString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = (await (await client.GetAsync(response.Headers.Location)).ReadJsonAsync()).AsObject();
            if (run["status"]!.GetValue<string>() != "running")
            {
                return (created, run);
            }

            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 30 s.");
            await Task.Delay(50);
        }
    }

    public string[] SpoolFilesLeft() => Directory.Exists(SpoolFolder) ? Directory.GetFiles(SpoolFolder) : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
