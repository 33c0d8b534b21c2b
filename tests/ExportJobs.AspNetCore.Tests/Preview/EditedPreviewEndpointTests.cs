using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.Preview;

/// <summary>
/// <c>POST /export-jobs/{id}/preview</c> on the sample host: the edited, unsaved body of a stored job (as the dashboard's
/// form sends it, secrets masked as the API showed them) previews with the job's stored secrets, restored exactly as a
/// PUT restores them; it saves nothing and shows no secret.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class EditedPreviewEndpointTests : IAsyncLifetime
{
    private const string AccountKey = "c3RvcmVkLWFjY291bnQta2V5LTEyMzQ1Njc4OTA=";
    private const string ConnectionString = $"DefaultEndpointsProtocol=https;AccountName=exportjobs;AccountKey={AccountKey};EndpointSuffix=core.windows.net";
    private const string Password = "stored-sftp-password-4711";

    private readonly SampleHost _host = new(new Dictionary<string, string?> { ["Sample:ProductCount"] = "100" });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host.StartServer();
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task AzureBlobJob_EditedWithTheMaskKept_PreviewsTheEdit_WithoutSavingOrShowingTheSecret()
    {
        var (id, shown) = await CreateAsync(AzureBody());
        Assert.Equal("********", shown["destinationConfig"]!["connectionString"]!.GetValue<string>());
        var edited = Editable(shown);
        edited["format"] = "jsonl";
        edited["name"] = "edited, not saved";

        using var response = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=2", edited);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var preview = JsonNode.Parse(text)!;
        Assert.Equal(2, preview["recordCount"]!.GetValue<int>());
        var lines = preview["content"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("{", line, StringComparison.Ordinal)); // the edited format, not the stored csv
        Assert.EndsWith(".jsonl", preview["fileName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(AccountKey, text, StringComparison.Ordinal);
        // Nothing saved, no run recorded.
        var after = (await _client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}", UriKind.Relative)))!;
        Assert.Equal(shown["version"]!.ToJsonString(), after["version"]!.ToJsonString());
        Assert.Equal("azure job", after["name"]!.GetValue<string>());
        Assert.Equal("csv", after["format"]!.GetValue<string>());
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>(new Uri($"/export-jobs/{id}/runs", UriKind.Relative)))!);

        // The unsaved preview knows no stored job, so the mask is no connection string there: why the edit has its own endpoint.
        using var unsaved = await _client.PostJsonAsync("/export-jobs/preview?limit=2", edited);
        Assert.Equal(HttpStatusCode.BadRequest, unsaved.StatusCode);
        var unsavedErrors = await ErrorsAsync(unsaved);
        Assert.Contains("destinationConfig.connectionString", unsavedErrors.Select(e => e.Key));
        Assert.Contains("stands for a stored secret", unsavedErrors["destinationConfig.connectionString"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetypedSecret_IsValidatedInsteadOfTheStoredOne()
    {
        var (id, shown) = await CreateAsync(AzureBody());

        // A retyped value replaces the stored one: an invalid one is refused although the stored one is valid...
        var invalid = Editable(shown);
        invalid["destinationConfig"]!["connectionString"] = "retyped, not a connection string";
        using var refused = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=1", invalid);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedText = await refused.Content.ReadAsStringAsync();
        Assert.Contains("destinationConfig.connectionString", (await ErrorsAsync(refused)).Select(e => e.Key));
        Assert.DoesNotContain(AccountKey, refusedText, StringComparison.Ordinal);

        // ...and a valid one previews.
        var retyped = Editable(shown);
        retyped["destinationConfig"]!["connectionString"] = ConnectionString.Replace("exportjobs", "otheraccount", StringComparison.Ordinal);
        using var previewed = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=1", retyped);
        var text = await previewed.Content.ReadAsStringAsync();
        Assert.True(previewed.StatusCode == HttpStatusCode.OK, text);
        Assert.DoesNotContain(AccountKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SftpJob_MaskWithAMovedEndpoint_IsRefusedAsThePutRefusesIt_AndARetypedPasswordPreviews()
    {
        var (id, shown) = await CreateAsync(SftpBody());
        Assert.Equal("********", shown["destinationConfig"]!["password"]!.GetValue<string>());

        // The mask kept while the host changed would send the stored password elsewhere: the PUT's rule, the PUT's answer.
        var moved = Editable(shown);
        moved["destinationConfig"]!["host"] = "elsewhere.example.com";
        using var preview = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=1", moved);
        using var put = await _client.PutJsonAsync($"/export-jobs/{id}", moved);
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var previewErrors = await ErrorsAsync(preview);
        Assert.Contains("destinationConfig.password", previewErrors.Select(e => e.Key));
        Assert.Equal((await ErrorsAsync(put)).ToJsonString(), previewErrors.ToJsonString());

        // The mask kept with the endpoint unchanged previews, and so does the moved host with the password retyped.
        using var kept = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=1", Editable(shown));
        Assert.True(kept.StatusCode == HttpStatusCode.OK, await kept.Content.ReadAsStringAsync());
        moved["destinationConfig"]!["password"] = "retyped-password-0815";
        using var retyped = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=1", moved);
        var text = await retyped.Content.ReadAsStringAsync();
        Assert.True(retyped.StatusCode == HttpStatusCode.OK, text);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("retyped-password-0815", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownJob_Is404ProblemDetails()
    {
        using var response = await _client.PostJsonAsync("/export-jobs/no-such-job/preview", AzureBody());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.ReadJsonAsync())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task InvalidEdit_Is400_WithEveryFieldError_AndBadBodiesAreNo500()
    {
        var (id, _) = await CreateAsync(AzureBody());

        using var response = await _client.PostJsonAsync($"/export-jobs/{id}/preview?limit=0", new JsonObject { ["format"] = "pdf", ["schedule"] = "nope" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        foreach (var field in new[] { "limit", "name", "destinationType", "format", "schedule" })
        {
            Assert.True(errors.ContainsKey(field), $"No error for '{field}': {errors.ToJsonString()}");
        }

        using var notJson = await _client.PostRawAsync($"/export-jobs/{id}/preview", "{ not json");
        using var notAnObject = await _client.PostRawAsync($"/export-jobs/{id}/preview", "[1, 2]");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
    }

    private async Task<(string Id, JsonObject Shown)> CreateAsync(JsonObject body)
    {
        var created = await _client.CreateJobAsync(body);
        var id = created["id"]!.GetValue<string>();
        return (id, (await _client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}", UriKind.Relative)))!);
    }

    /// <summary>The job as the API showed it, reduced to what a form sends back (its definition, secrets still masked).</summary>
    private static JsonObject Editable(JsonObject shown)
    {
        var body = new JsonObject();
        foreach (var name in new[] { "name", "destinationType", "destinationConfig", "format", "schedule", "timeZone", "mode", "compress" })
        {
            if (shown[name] is { } value)
            {
                body[name] = value.DeepClone();
            }
        }

        return body;
    }

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync())["errors"]!.AsObject();

    private static JsonObject AzureBody() => new()
    {
        ["name"] = "azure job",
        ["destinationType"] = "azure-blob",
        ["destinationConfig"] = new JsonObject { ["container"] = "exports", ["connectionString"] = ConnectionString },
        ["format"] = "csv",
        ["schedule"] = "0 2 * * *",
        ["timeZone"] = "Europe/Berlin",
        ["active"] = false,
    };

    private static JsonObject SftpBody() => new()
    {
        ["name"] = "sftp job",
        ["destinationType"] = "sftp",
        ["destinationConfig"] = new JsonObject { ["host"] = "sftp.example.com", ["username"] = "exporter", ["password"] = Password, ["path"] = "out" },
        ["format"] = "csv",
        ["schedule"] = "0 2 * * *",
        ["timeZone"] = "Europe/Berlin",
        ["active"] = false,
    };
}
