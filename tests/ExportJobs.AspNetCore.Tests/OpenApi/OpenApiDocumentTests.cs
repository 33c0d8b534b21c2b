using System.Text.Json.Nodes;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests.OpenApi;

/// <summary>The OpenAPI document the sample serves at /openapi/v1.json.</summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    private readonly SampleHost _host = fixture.Host;
    private readonly JsonObject _document = fixture.Document;
    private readonly string _text = fixture.Text;

    [Fact]
    public async Task Document_PassesTheOpenApiValidator()
    {
        var file = _host.Folder.File("openapi.json");
        await File.WriteAllTextAsync(file, _text);

        var (exitCode, output) = await NodeTool.RunAsync("validate-openapi.mjs", [file], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, "The OpenAPI validator rejected the document: " + output);
        Assert.StartsWith("valid:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_RejectsADocumentWithABrokenReference()
    {
        var broken = _document.DeepClone().AsObject();
        broken["components"]!["schemas"]!.AsObject().Remove("ExportJobResponse");
        var file = _host.Folder.File("broken.json");
        await File.WriteAllTextAsync(file, broken.ToJsonString());

        var (exitCode, _) = await NodeTool.RunAsync("validate-openapi.mjs", [file], TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
    }

    [Theory]
    [InlineData("/export-jobs/{id}/trigger", "post")]
    [InlineData("/export-jobs/{id}/preview", "get")]
    [InlineData("/export-jobs/preview", "post")]
    [InlineData("/export-jobs/{id}/preview", "post")]
    public void PreviewAndTrigger_Document503ForAHostWithoutRecordSource(string path, string method)
    {
        var responses = _document["paths"]![path]![method]!["responses"]!;

        Assert.Equal("#/components/schemas/ProblemDetails", responses["503"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void NotificationTest_IsDocumented_WithOneResultPerChannel_404And503()
    {
        var operation = _document["paths"]!["/export-jobs/{id}/notifications/test"]!["post"]!;
        var responses = operation["responses"]!;

        Assert.Equal("TestExportJobNotifications", operation["operationId"]!.GetValue<string>());
        Assert.Equal("array", responses["200"]!["content"]!["application/json"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ProblemDetails", responses["404"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ProblemDetails", responses["503"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void ApiOperations_AreExactlyTheMappedApiEndpoints()
    {
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in _document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                documented.Add($"{method.ToUpperInvariant()} {path}");
            }
        }

        var mapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
            {
                continue;
            }

            var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            foreach (var method in methods.HttpMethods)
            {
                mapped.Add($"{method} {route}");
            }
        }

        static bool IsApi(string operation) => operation.Split(' ')[1] is var path && (path == "/export-jobs" || path.StartsWith("/export-jobs/", StringComparison.Ordinal));
        Assert.Contains("POST /export-jobs/{id}/pause", mapped);
        Assert.Contains("POST /export-jobs/{id}/trigger", mapped);
        Assert.Equal(mapped.Where(IsApi), documented.Where(IsApi));
    }

    [Fact]
    public void Enums_AreTheirWireValues()
    {
        var schemas = _document["components"]!["schemas"]!.AsObject();

        Assert.Equal(["running", "success", "failed"], EnumValues(schemas, "ExportRunStatus"));
        Assert.Equal(["full", "changes"], EnumValues(schemas, "ExportMode"));
        Assert.Equal(["schedule", "manual", "external", "retry"], EnumValues(schemas, "ExportRunTrigger"));
    }

    [Fact]
    public void JobEndpoints_DescribeBodiesResponsesAndProblems()
    {
        var create = _document["paths"]!["/export-jobs"]!["post"]!;
        var body = create["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/ExportJobRequest", body["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("0 2 * * *", body["example"]!["schedule"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ExportJobResponse", create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails", create["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(create["responses"]!["413"]);

        var get = _document["paths"]!["/export-jobs/{id}"]!["get"]!;
        Assert.Equal("#/components/schemas/ProblemDetails", get["responses"]!["404"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());

        var request = _document["components"]!["schemas"]!["ExportJobRequest"]!;
        var required = request["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["destinationConfig", "destinationType", "format", "name", "schedule"], required);
    }

    [Fact]
    public void Trigger_DescribesItsOptionalModeBody_AndJobsAndRunsTheLargeOutputFields()
    {
        var trigger = _document["paths"]!["/export-jobs/{id}/trigger"]!["post"]!;
        var body = trigger["requestBody"]!;

        Assert.False(body["required"]?.GetValue<bool>() ?? false);
        Assert.Equal("#/components/schemas/ExportTriggerRequest", body["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(trigger["responses"]!["400"]);
        var schemas = _document["components"]!["schemas"]!;
        Assert.NotNull(schemas["ExportTriggerRequest"]!["properties"]!["mode"]);
        Assert.NotNull(schemas["ExportJobRequest"]!["properties"]!["skipEmpty"]);
        Assert.NotNull(schemas["ExportJobResponse"]!["properties"]!["skipEmpty"]);
        Assert.NotNull(schemas["ExportRun"]!["properties"]!["skipped"]);
    }

    [Fact]
    public void Jobs_DescribeTheirNotificationChannels_InRequestsAndResponses()
    {
        var schemas = _document["components"]!["schemas"]!;

        Assert.NotNull(schemas["ExportJobRequest"]!["properties"]!["notifications"]);
        Assert.NotNull(schemas["ExportJobResponse"]!["properties"]!["notifications"]);
        var channel = schemas["ExportJobNotificationContract"]!["properties"]!.AsObject();
        Assert.Equal(["on", "secret", "to", "type", "url"], channel.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains("[] opts the job out", schemas["ExportJobRequest"]!["properties"]!["notifications"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void RunList_DescribesItsLimitParameter()
    {
        var list = _document["paths"]!["/export-jobs/{id}/runs"]!["get"]!;
        var limit = list["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!;

        Assert.Equal("query", limit["in"]!.GetValue<string>());
        Assert.Equal(1, limit["schema"]!["minimum"]!.GetValue<int>());
        Assert.Equal("#/components/schemas/ExportRun", list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["items"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void JobList_DescribesItsPagingParameters_AndTheirProblem()
    {
        var list = _document["paths"]!["/export-jobs"]!["get"]!;
        var parameters = list["parameters"]!.AsArray();
        var limit = parameters.Single(p => p!["name"]!.GetValue<string>() == "limit")!;
        var after = parameters.Single(p => p!["name"]!.GetValue<string>() == "after")!;

        Assert.Equal("query", limit["in"]!.GetValue<string>());
        Assert.Equal(1, limit["schema"]!["minimum"]!.GetValue<int>());
        Assert.Equal(1000, limit["schema"]!["maximum"]!.GetValue<int>());
        Assert.Equal("query", after["in"]!.GetValue<string>());
        Assert.Equal("string", after["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ExportJobResponse", list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails", list["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void RunCompletion_IsDocumented_WithItsBodyAndConflict()
    {
        var patch = _document["paths"]!["/export-jobs/{id}/runs/{runId}"]!["patch"]!;

        Assert.Equal("#/components/schemas/ExportRunCompletionRequest", patch["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("success", patch["requestBody"]!["content"]!["application/json"]!["example"]!["status"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ExportRun", patch["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(patch["responses"]!["400"]);
        Assert.NotNull(patch["responses"]!["404"]);
        Assert.NotNull(patch["responses"]!["409"]);
        var report = _document["components"]!["schemas"]!["ExportRunReportRequest"]!["properties"]!;
        Assert.Equal(8000, report["error"]!["maxLength"]!.GetValue<int>());
        Assert.NotNull(report["checksum"]!["pattern"]);
    }

    [Fact]
    public void RunList_DescribesItsPagingParameters_AndJobsTheirRetention()
    {
        var parameters = _document["paths"]!["/export-jobs/{id}/runs"]!["get"]!["parameters"]!.AsArray();
        var before = parameters.Single(p => p!["name"]!.GetValue<string>() == "before")!;
        var status = parameters.Single(p => p!["name"]!.GetValue<string>() == "status")!;

        Assert.Equal("query", before["in"]!.GetValue<string>());
        Assert.Equal("string", before["schema"]!["type"]!.GetValue<string>());
        Assert.Equal(["success", "failed", "running"], status["schema"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        var request = _document["components"]!["schemas"]!["ExportJobRequest"]!;
        Assert.NotNull(request["properties"]!["retention"]);
    }

    [Theory]
    [InlineData("/export-jobs/{id}", "put")]
    [InlineData("/export-jobs/{id}", "delete")]
    [InlineData("/export-jobs/{id}/pause", "post")]
    [InlineData("/export-jobs/{id}/resume", "post")]
    public void ConditionalChanges_DescribeIfMatchAnd412(string path, string method)
    {
        var operation = _document["paths"]![path]![method]!;
        var ifMatch = operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "If-Match")!;

        Assert.Equal("header", ifMatch["in"]!.GetValue<string>());
        Assert.False(ifMatch["required"]?.GetValue<bool>() ?? false);
        Assert.Equal("#/components/schemas/ProblemDetails", operation["responses"]!["412"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/export-jobs/{id}", "get", "200")]
    [InlineData("/export-jobs/{id}", "put", "200")]
    [InlineData("/export-jobs", "post", "201")]
    [InlineData("/export-jobs/{id}/pause", "post", "200")]
    public void JobResponses_DescribeTheirETag(string path, string method, string status)
    {
        var response = _document["paths"]![path]![method]!["responses"]![status]!;

        Assert.Equal("string", response["headers"]!["ETag"]!["schema"]!["type"]!.GetValue<string>());
        Assert.NotNull(_document["components"]!["schemas"]!["ExportJobResponse"]!["properties"]!["version"]);
    }

    private static string[] EnumValues(JsonObject schemas, string name)
    {
        var schema = schemas[name] ?? throw new Xunit.Sdk.XunitException($"No schema '{name}' in: {string.Join(", ", schemas.Select(s => s.Key))}");
        return schema["enum"]!.AsArray().Where(n => n is not null).Select(n => n!.GetValue<string>()).ToArray();
    }
}
