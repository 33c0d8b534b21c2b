using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Notifications.Tests.Infrastructure;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Notifications.Tests;

/// <summary><c>POST /export-jobs/{id}/notifications/test</c> on Kestrel (127.0.0.1), through the front door, against real receivers.</summary>
public sealed class NotificationTestEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();
    private HttpReceiver _webhook = null!;
    private HttpReceiver _slackDown = null!;

    public async Task InitializeAsync()
    {
        _webhook = await HttpReceiver.StartAsync();
        _slackDown = await HttpReceiver.StartAsync(_ => 500);
    }

    public async Task DisposeAsync()
    {
        await _webhook.DisposeAsync();
        await _slackDown.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Test_EachChannelGetsATestEvent_OneResultPerChannel_NoSecretInTheAnswer()
    {
        await using var app = await StartAsync(notifications: true);
        var jobId = await CreateJobAsync(app);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.PostAsync(new Uri($"/export-jobs/{jobId}/notifications/test", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var results = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(2, results.Count);
        Assert.Equal(("webhook", true), (results[0]!["type"]!.GetValue<string>(), results[0]!["accepted"]!.GetValue<bool>()));
        Assert.Null(results[0]!["error"]);
        Assert.Equal(("slack", false), (results[1]!["type"]!.GetValue<string>(), results[1]!["accepted"]!.GetValue<bool>()));
        Assert.Contains("answered 500", results[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("host channel 2 (slack)", results[1]!["channel"]!.GetValue<string>());
        Assert.DoesNotContain("query-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks/exports", text, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-endpoint", text, StringComparison.Ordinal);

        var sent = Assert.Single(_webhook.Requests);
        Assert.Equal("test", sent.Headers[ExportNotificationHeaders.Event]);
        using var payload = JsonDocument.Parse(sent.Body);
        PayloadSchema.AssertValid(payload.RootElement);
        Assert.Equal((jobId, "Nightly products"), (payload.RootElement.GetProperty("jobId").GetString(), payload.RootElement.GetProperty("jobName").GetString()));
        Assert.Single(_slackDown.Requests); // one attempt, no retries
    }

    [Fact]
    public async Task Test_UnknownJob_404Problem()
    {
        await using var app = await StartAsync(notifications: true);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.PostAsync(new Uri("/export-jobs/nope/notifications/test", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_webhook.Requests);
    }

    [Fact]
    public async Task Test_HostWithoutNotifications_503Problem_NamingAddNotifications()
    {
        await using var app = await StartAsync(notifications: false);
        var jobId = await CreateJobAsync(app);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.PostAsync(new Uri($"/export-jobs/{jobId}/notifications/test", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AddNotifications()", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartAsync(bool notifications)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var exportJobs = builder.Services.AddExportJobs(o => o.SchedulerEnabled = false)
            .UseLiteDb($"Filename={_folder.File($"{Guid.NewGuid():N}.db")}")
            .AddDestination<SwitchableDestination>(SwitchableDestination.TypeName)
            .ConfigureNetwork(n => n.Allow.Add("127.0.0.0/8"));
        if (notifications)
        {
            exportJobs.AddNotifications(o =>
            {
                o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = _webhook.Url, Secret = "whsec-endpoint" });
                o.Channels.Add(new ExportNotificationChannelOptions { Type = "slack", Url = _slackDown.Url });
            });
        }

        var app = builder.Build();
        app.MapExportJobs();
        await app.StartAsync();
        return app;
    }

    private static async Task<string> CreateJobAsync(WebApplication app)
    {
        var created = await app.Services.GetRequiredService<ExportJobManager>().CreateAsync(new ExportJobDefinition
        {
            Name = "Nightly products",
            DestinationType = SwitchableDestination.TypeName,
            DestinationConfig = new JsonObject(),
            Format = "csv",
            Schedule = "0 * * * *",
        });
        return created.Value!.Job.Id;
    }
}
