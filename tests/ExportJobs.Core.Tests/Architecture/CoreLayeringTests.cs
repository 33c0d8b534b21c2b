using ExportJobs.Testing.Architecture;
using Xunit.Abstractions;

namespace ExportJobs.Core.Tests.Architecture;

/// <summary>
/// Core's folders (namespaces) show its layers: read from the compiled assembly's IL, no folder depends on another that
/// depends back on it, through any number of folders in between.
/// </summary>
public sealed class CoreLayeringTests(ITestOutputHelper output)
{
    private static readonly Lazy<NamespaceGraph> Graph = new(() => new NamespaceGraph(
        IlTypeReferences.Read(typeof(ExportJobsOptions).Assembly.Location),
        ns => ns.StartsWith("ExportJobs", StringComparison.Ordinal) || ns == "Microsoft.Extensions.DependencyInjection"));

    [Fact]
    public void CoreFolders_HaveNoCycles()
    {
        var cycles = Graph.Value.Cycles();
        foreach (var ns in Graph.Value.Namespaces.Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{ns} -> {string.Join(", ", Graph.Value.DependenciesOf(ns).Order(StringComparer.Ordinal))}");
        }

        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, cycles.Select(Graph.Value.Describe)));
    }
}
