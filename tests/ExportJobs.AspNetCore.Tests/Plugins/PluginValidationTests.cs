using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests.Plugins;

/// <summary>A plugin's Validate that throws is a 400 under destinationConfig on every path that validates, and is logged with its name.</summary>
public sealed class PluginValidationTests : IAsyncLifetime
{
    private const string Token = "plugin-secret-token-4711";
    private ApiHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ApiHost.StartAsync(exportJobs: b => b.AddDestination<ThrowingValidationDestination>(ThrowingValidationDestination.TypeName));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ThrowingValidate_Is400UnderDestinationConfig_OnCreatePutPreviewAndTestConnection()
    {
        var created = await _host.Client.CreateJobAsync(Job(explode: false));
        var id = created["id"]!.GetValue<string>();
        var config = new JsonObject { ["explode"] = true, ["token"] = Token };

        await AssertRefusedAsync(await _host.Client.PostJsonAsync("/export-jobs", Job(explode: true)));
        await AssertRefusedAsync(await _host.Client.PutJsonAsync($"/export-jobs/{id}", Job(explode: true)));
        await AssertRefusedAsync(await _host.Client.PostJsonAsync("/export-jobs/preview", Job(explode: true)));
        await AssertRefusedAsync(await _host.Client.PostJsonAsync("/export-jobs/test-connection", new JsonObject { ["destinationType"] = "careless", ["destinationConfig"] = config }));
        await AssertRefusedAsync(await _host.Client.PostJsonAsync($"/export-jobs/{id}/test-connection", new JsonObject { ["destinationType"] = "careless", ["destinationConfig"] = config.DeepClone() }));

        var logged = _host.Logs.Entries.Where(e => e.Message.Contains("threw", StringComparison.Ordinal) && e.Message.Contains("'careless'", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, logged.Count);
        Assert.All(logged, e => Assert.Equal(LogLevel.Error, e.Level));
        Assert.All(logged, e => Assert.Contains(typeof(ThrowingValidationDestination).FullName!, e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Message.Contains(Token, StringComparison.Ordinal) || e.Exception?.ToString().Contains(Token, StringComparison.Ordinal) == true);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(["destinationConfig"], errors.Select(e => e.Key));
        Assert.Contains("ArgumentException", errors["destinationConfig"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    private static JsonObject Job(bool explode)
    {
        var body = JobBodies.Valid();
        body["destinationType"] = ThrowingValidationDestination.TypeName;
        body["destinationConfig"] = new JsonObject { ["explode"] = explode, ["token"] = Token };
        return body;
    }
}
