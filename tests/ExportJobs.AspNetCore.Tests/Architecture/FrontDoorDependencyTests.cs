using ExportJobs.Testing.Architecture;
using Microsoft.AspNetCore.Builder;

namespace ExportJobs.AspNetCore.Tests.Architecture;

/// <summary>
/// The HTTP package talks to Core through its front door only, read from the compiled assembly's IL: the endpoints and
/// the health check refer to <c>ExportJobManager</c>, its results and the model, never to the store, the dispatcher, the
/// registries, the validator, the schedule factory, the scheduler's status or the secret helpers.
/// </summary>
public sealed class FrontDoorDependencyTests
{
    /// <summary>The engines behind the front door: no type of the HTTP package may refer to them.</summary>
    private static readonly string[] EngineNamespaces =
    [
        "ExportJobs.Running", "ExportJobs.Registration", "ExportJobs.Scheduling", "ExportJobs.Cron", "ExportJobs.Secrets",
    ];

    private static readonly string[] EngineTypes =
    [
        "ExportJobs.Destinations.DestinationSecrets", "ExportJobs.Validation.ExportJobValidator", "ExportJobs.Management.ExportJobValidator",
        "ExportJobs.Preview.ExportPreviewer", "ExportJobs.ExportJobsMarkerService", "ExportJobs.Diagnostics.ExportJobsTelemetry",
        "ExportJobs.Validation.FilenameTemplate",
    ];

    /// <summary>What the endpoints and the health check may use of Core: the front door and what goes in and out of it.</summary>
    private static readonly string[] FrontDoorNamespaces = ["ExportJobs.Management", "ExportJobs.Model"];

    private static readonly string[] FrontDoorTypes =
    [
        "ExportJobs.ExportJobsOptions", "ExportJobs.Validation.ValidationErrors", "ExportJobs.Preview.ExportPreview",
        "ExportJobs.Extensibility.DestinationTestResult", "ExportJobs.Extensibility.DestinationCheck", "ExportJobs.Extensibility.ExportNotificationTestResult",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> AspNetCore =
        new(() => IlTypeReferences.Read(typeof(ExportJobsEndpointRouteBuilderExtensions).Assembly.Location));

    private static readonly Lazy<IReadOnlySet<string>> CoreTypes =
        new(() => IlTypeReferences.Read(typeof(ExportJobsOptions).Assembly.Location).Keys.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void NoTypeOfTheHttpPackage_RefersToTheEngines()
    {
        var violations = AspNetCore.Value
            .SelectMany(t => t.Value.Where(IsEngine).Select(target => $"{t.Key} -> {target}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, "Types of ExportJobs.AspNetCore refer to Core's engines:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [InlineData("ExportJobs.AspNetCore.Endpoints")]
    [InlineData("ExportJobs.AspNetCore.HealthChecks")]
    public void EndpointsAndHealthCheck_UseTheFrontDoorAlone(string ns)
    {
        var types = AspNetCore.Value.Where(t => IlTypeReferences.NamespaceOf(t.Key) == ns).ToList();
        Assert.NotEmpty(types);
        var violations = types
            .SelectMany(t => t.Value.Where(target => CoreTypes.Value.Contains(target) && !IsFrontDoor(target)).Select(target => $"{t.Key} -> {target}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, $"Types of {ns} refer to Core types behind the front door:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        Assert.Contains(types, t => t.Value.Contains("ExportJobs.Management.ExportJobManager"));
    }

    private static bool IsEngine(string type) =>
        EngineTypes.Contains(type, StringComparer.Ordinal)
        || EngineNamespaces.Any(ns => IlTypeReferences.NamespaceOf(type) == ns || IlTypeReferences.NamespaceOf(type).StartsWith(ns + ".", StringComparison.Ordinal));

    private static bool IsFrontDoor(string type) =>
        FrontDoorTypes.Contains(type, StringComparer.Ordinal) || FrontDoorNamespaces.Contains(IlTypeReferences.NamespaceOf(type), StringComparer.Ordinal);
}
