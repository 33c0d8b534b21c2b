using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.OpenApi;

/// <summary>Starts the sample once for the OpenAPI tests and downloads its document.</summary>
public sealed class OpenApiDocumentFixture : IAsyncLifetime
{
    public SampleHost Host { get; } = new();

    public JsonObject Document { get; private set; } = null!;

    public string Text { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host.StartServer();
        using var client = Host.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Text = await response.Content.ReadAsStringAsync();
        Document = JsonNode.Parse(Text)!.AsObject();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
