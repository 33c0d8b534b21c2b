using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests;

public sealed class MapExportJobsTests
{
    [Fact]
    public async Task WithoutAddExportJobs_ThrowsAFriendlyError()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapExportJobs());

        Assert.Contains("AddExportJobs()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAStore_SaysHowToChooseOne()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddExportJobs();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapExportJobs());

        Assert.Contains("UseLiteDb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnsAGroupBuilder_ForTheHostsConventions()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var folder = new ExportJobs.Testing.TempDirectory();
        builder.Services.AddExportJobs().UseLiteDb($"Filename={folder.File("x.db")}");
        builder.Services.AddSingleton<ExportJobs.Extensibility.IExportRecordSource>(new ExportJobs.Testing.GeneratedRecordSource(1));
        await using var app = builder.Build();

        var group = app.MapExportJobs("/api/exports");

        Assert.IsType<Microsoft.AspNetCore.Routing.RouteGroupBuilder>(group);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().ToList();
        var routes = endpoints.Select(e => $"{e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods[0]} {e.RoutePattern.RawText!.TrimEnd('/')}").ToHashSet();
        string[] seed =
        [
            "GET /api/exports", "POST /api/exports", "GET /api/exports/{id}", "PUT /api/exports/{id}", "DELETE /api/exports/{id}",
            "POST /api/exports/{id}/pause", "POST /api/exports/{id}/resume", "GET /api/exports/{id}/runs", "POST /api/exports/{id}/runs",
        ];
        Assert.All(seed, route => Assert.Contains(route, routes));
    }
}
