using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>The reported forgery: a secret setting sent as <c>{"$protected": …}</c> (a webhook header of that name) with Data Protection on.</summary>
public sealed class SecretMarkerTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(exportJobs: b => b.UseDataProtectionForSecrets());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SecretShapedLikeTheEnvelope_IsEncrypted_AndReadBackAsSent()
    {
        var body = JobBodies.Valid();
        var forged = new JsonObject { ["$protected"] = "not-encrypted-by-anyone" };
        body["destinationConfig"]!["token"] = forged.DeepClone();

        var created = await _host.Client.CreateJobAsync(body);

        var stored = await _host.Store.GetJobAsync(created["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(forged, stored!.DestinationConfig["token"]), stored.DestinationConfig.ToJsonString());
        Assert.Equal("********", created["destinationConfig"]!["token"]!.GetValue<string>());
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
