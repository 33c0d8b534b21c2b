using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// A host without <c>AddNotifications()</c>: a job's <c>notifications</c> are refused with a 400 that says why (never
/// stored and silently ignored); <c>[]</c> and null are accepted and shown as sent.
/// </summary>
public sealed class JobNotificationsWithoutTheNotificationsPackageTests : ApiTestBase
{
    [Fact]
    public async Task Channels_400_NamingAddNotifications_NothingStored()
    {
        var body = JobBodies.Valid();
        body["notifications"] = new JsonArray(new JsonObject { ["type"] = "webhook", ["url"] = "https://hooks.example.com/x", ["secret"] = "whsec-not-stored" });

        var response = await Client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(["notifications"], errors.Select(e => e.Key));
        Assert.Contains("AddNotifications()", errors["notifications"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-not-stored", text, StringComparison.Ordinal);
        Assert.Empty(await Host.Store.ListJobsAsync());
    }

    [Fact]
    public async Task EmptyAndNull_Accepted_AndShownAsSent()
    {
        var optedOut = JobBodies.Valid("opted out");
        optedOut["notifications"] = new JsonArray();
        var defaults = JobBodies.Valid("defaults");
        defaults["notifications"] = null;

        var a = await Client.CreateJobAsync(optedOut);
        var b = await Client.CreateJobAsync(defaults);

        Assert.Empty(a["notifications"]!.AsArray());
        Assert.Null(b["notifications"]);
        Assert.True(b.ContainsKey("notifications"));
        Assert.Empty((await Host.Store.GetJobAsync(a["id"]!.GetValue<string>()))!.Notifications!);
        Assert.Null((await Host.Store.GetJobAsync(b["id"]!.GetValue<string>()))!.Notifications);
    }

    [Fact]
    public async Task WrongJsonTypes_400_EachUnderItsField()
    {
        var body = JobBodies.Valid();
        body["notifications"] = new JsonArray(JsonValue.Create("webhook"), new JsonObject { ["on"] = "failed" });

        var response = await Client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["notifications", "notifications[0]", "notifications[1].on", "notifications[1].type"], fields);
    }
}
