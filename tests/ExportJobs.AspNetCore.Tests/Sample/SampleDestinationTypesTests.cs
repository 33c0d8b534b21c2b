using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>The sample's <c>local-folder</c> plugin declares a settings schema, which the running sample serves.</summary>
public sealed class SampleDestinationTypesTests
{
    [Fact]
    public async Task LocalFolder_IsServedWithItsSchema_OfTheOnePathSetting()
    {
        await using var host = new SampleHost();
        host.StartServer();
        using var client = host.CreateClient();

        var types = (await client.GetFromJsonAsync<JsonArray>(new Uri("/export-jobs/destination-types", UriKind.Relative)))!;

        var local = types.Single(t => t!["name"]!.GetValue<string>() == "local-folder")!;
        var properties = local["settingsSchema"]!["properties"]!.AsObject();
        Assert.Equal(["path"], properties.Select(p => p.Key));
        Assert.Equal("string", properties["path"]!["type"]!.GetValue<string>());
        Assert.Empty(local["secretSettings"]!.AsArray());
    }
}
