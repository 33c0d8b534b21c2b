using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class ValidationTests : ApiTestBase
{
    private const string DuplicateName = "{\"name\":\"a\",\"name\":\"b\",\"destinationType\":\"s3\",\"destinationConfig\":{\"bucket\":\"b\"},\"format\":\"csv\",\"schedule\":\"0 2 * * *\"}";

    [Fact]
    public async Task EmptyObject_ListsEveryMissingRequiredField_AtOnce()
    {
        var errors = await PostInvalidAsync(new JsonObject());

        Assert.Equal(["destinationConfig", "destinationType", "format", "name", "schedule"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WrongTypes_AreEachReported()
    {
        var body = JobBodies.Valid();
        body["name"] = 42;
        body["includeVariants"] = "yes";
        body["compress"] = 1;
        body["destinationConfig"] = "not-an-object";
        body["dimensionScope"] = new JsonArray("seg-en");
        body["active"] = "true";

        var errors = await PostInvalidAsync(body);

        Assert.Equal(["active", "compress", "destinationConfig", "dimensionScope", "includeVariants", "name"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnknownEnumValues_AndBadSemantics_AreReportedTogether()
    {
        var body = JobBodies.Valid();
        body["destinationType"] = "ftp";
        body["format"] = "parquet";
        body["mode"] = "delta";
        body["schedule"] = "every night";
        body["timeZone"] = "Mars/Olympus_Mons";
        body["filenameTemplate"] = "../../etc/passwd-{date}";

        var errors = await PostInvalidAsync(body);

        Assert.Equal(["destinationType", "filenameTemplate", "format", "mode", "schedule", "timeZone"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("ftp", errors["destinationType"][0], StringComparison.Ordinal);
        Assert.Contains("recording", errors["destinationType"][0], StringComparison.Ordinal);
        Assert.Contains("csv", errors["format"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("61 * * * *")]
    [InlineData("0 2 * * * *")]
    [InlineData("")]
    [InlineData("0 2 30 2 *")]
    [InlineData("0 0 31 4,6,9,11 *")]
    [InlineData("@every_second")]
    [InlineData("@every_minute")]
    public async Task InvalidCron_Is400_OnSchedule(string cron)
    {
        var body = JobBodies.Valid();
        body["schedule"] = cron;

        var errors = await PostInvalidAsync(body);

        Assert.Equal(["schedule"], errors.Keys);
    }

    [Fact]
    public async Task OverlongFields_AreEachReported_AtOnce()
    {
        var big = new string('x', 900 * 1024);
        var body = JobBodies.Valid();
        body["name"] = new string('n', 201);
        body["description"] = new string('d', 4001);
        body["schemaId"] = new string('s', 201);
        body["catalogId"] = big;
        body["dimensionScope"] = new JsonObject { ["dim-language"] = new string('g', 201) };
        body["destinationConfig"] = new JsonObject { ["path"] = new string('p', 20_000), ["token"] = "t0ken-value" };

        var response = await Client.PostJsonAsync("/export-jobs", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(["catalogId", "description", "destinationConfig.path", "dimensionScope", "name", "schemaId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.True(text.Length < 10_000, "The problem must not echo the values.");
    }

    [Fact]
    public async Task OverlongDimensionKey_NestedSettingString_AndSettingName_Are400()
    {
        var body = JobBodies.Valid();
        body["dimensionScope"] = new JsonObject { [new string('k', 201)] = "seg-en" };
        body["destinationConfig"] = new JsonObject
        {
            ["path"] = "exports",
            ["token"] = "t0ken-value",
            ["extra"] = new JsonObject { ["nested"] = new JsonArray(new string('v', 16_385)) },
        };

        var errors = await PostInvalidAsync(body);

        Assert.Contains("dimensionScope", errors.Keys);
        Assert.Contains("destinationConfig.extra", errors.Keys);
    }

    [Fact]
    public async Task ValuesAtTheLimits_AreAccepted()
    {
        var body = JobBodies.Valid();
        body["name"] = new string('n', 200);
        body["schemaId"] = new string('s', 200);
        body["catalogId"] = new string('c', 200);
        body["dimensionScope"] = new JsonObject { [new string('k', 200)] = new string('g', 200) };
        body["destinationConfig"] = new JsonObject { ["path"] = new string('p', 16_384), ["token"] = "t0ken-value" };

        var response = await Client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("Factory")]
    [InlineData("right/UTC")]
    [InlineData("Europe//Berlin")]
    [InlineData("posix/Europe/Berlin")]
    public async Task ZoneFileNames_Are400_OnTimeZone(string zone)
    {
        var body = JobBodies.Valid();
        body["timeZone"] = zone;

        var errors = await PostInvalidAsync(body);

        Assert.Equal(["timeZone"], errors.Keys);
    }

    [Theory]
    [InlineData("/abs/{date}.csv")]
    [InlineData("a/../../b.csv")]
    [InlineData("bad\u0001name.csv")]
    [InlineData("x\\y.csv")]
    [InlineData("{unknown}.csv")]
    [InlineData("{date.csv")]
    [InlineData("")]
    public async Task UnsafeFilenameTemplate_Is400(string template)
    {
        var body = JobBodies.Valid();
        body["filenameTemplate"] = template;

        var errors = await PostInvalidAsync(body);

        Assert.Equal(["filenameTemplate"], errors.Keys);
    }

    [Fact]
    public async Task MissingDestinationSetting_IsReportedUnderDestinationConfig()
    {
        var body = JobBodies.Valid();
        body["destinationConfig"] = new JsonObject();

        var errors = await PostInvalidAsync(body);

        Assert.Equal(["destinationConfig.path"], errors.Keys);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    [InlineData("null")]
    [InlineData(DuplicateName)]
    [InlineData("{\"name\":\"a\",\"destinationType\":\"s3\",\"destinationConfig\":{\"bucket\":\"b\",\"bucket\":\"c\"},\"format\":\"csv\",\"schedule\":\"0 2 * * *\"}")]
    [InlineData("{\"x\":1,\"x\":2}")]
    [InlineData("{\"name\":\"\\ud800\",\"destinationType\":\"s3\",\"destinationConfig\":{\"bucket\":\"b\"},\"format\":\"csv\",\"schedule\":\"0 2 * * *\"}")]
    [InlineData("{\"name\":\"a\",\"dimensionScope\":{\"\\udc00\":\"seg-en\"}}")]
    [InlineData("{\"name\":\"a\",\"destinationConfig\":{\"tags\":[\"ok\",\"\\udc00x\"]}}")]
    public async Task MalformedBody_Is400Problem(string raw)
    {
        var response = await Client.PostRawAsync("/export-jobs", raw);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await Host.Store.ListJobsAsync());
    }

    [Fact]
    public async Task DuplicateProperty_Is400_NamingTheProperty()
    {
        var response = await Client.PostRawAsync("/export-jobs", DuplicateName);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("The request body is not valid JSON.", problem["title"]!.GetValue<string>());
        Assert.Contains("name", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8InAString_Is400Problem()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"name\":\"ab\",\"destinationType\":\"s3\",\"destinationConfig\":{\"bucket\":\"b\"},\"format\":\"csv\",\"schedule\":\"0 2 * * *\"}");
        bytes[9] = 0xFF; // the "a" of the name

        var response = await PostBytesAsync(bytes, "application/json");

        await AssertProblemAndNothingStoredAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task BodyThatIsNotSentAsJson_Is415Problem_AndStoresNothing(string? contentType)
    {
        // text/plain, form and multipart bodies (and bodies without a type) are what another site's page can send without a CORS preflight.
        var response = await PostBytesAsync(System.Text.Encoding.UTF8.GetBytes(JobBodies.Valid().ToJsonString()), contentType);

        await AssertProblemAndNothingStoredAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    public async Task BodySentAsJson_IsAccepted(string contentType)
    {
        var response = await PostBytesAsync(System.Text.Encoding.UTF8.GetBytes(JobBodies.Valid().ToJsonString()), contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413Problem()
    {
        var body = JobBodies.Valid();
        body["description"] = new string('x', 2 * 1024 * 1024);

        var response = await Client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await Host.Store.ListJobsAsync());
    }

    [Fact]
    public async Task OversizedChunkedBody_Is413Problem()
    {
        var body = JobBodies.Valid();
        body["description"] = new string('x', 2 * 1024 * 1024);
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/export-jobs") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await Host.Store.ListJobsAsync());
    }

    [Fact]
    public async Task RejectedCreate_StoresNothing()
    {
        var body = JobBodies.Valid();
        body["schedule"] = "nope";

        await PostInvalidAsync(body);

        Assert.Empty(await Host.Store.ListJobsAsync());
    }

    [Fact]
    public async Task RejectedUpdate_ChangesNothing()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();
        var before = await Host.Store.GetJobAsync(id);
        var body = JobBodies.Valid("changed name");
        body["format"] = "nope";

        var response = await Client.PutJsonAsync($"/export-jobs/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await Host.Store.GetJobAsync(id);
        Assert.Equal(before!.Name, after!.Name);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(before.DestinationConfig.ToJsonString(), after.DestinationConfig.ToJsonString());
    }

    [Fact]
    public async Task MalformedUpdate_Is400_AndChangesNothing()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();

        var response = await Client.PutAsync($"/export-jobs/{id}", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Nightly products", (await Host.Store.GetJobAsync(id))!.Name);
    }

    private async Task<HttpResponseMessage> PostBytesAsync(byte[] body, string? contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return await Client.PostAsync("/export-jobs", content);
    }

    private async Task AssertProblemAndNothingStoredAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await Host.Store.ListJobsAsync());
    }

    private async Task<Dictionary<string, string[]>> PostInvalidAsync(JsonObject body)
    {
        var response = await Client.PostJsonAsync("/export-jobs", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        return problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }
}
