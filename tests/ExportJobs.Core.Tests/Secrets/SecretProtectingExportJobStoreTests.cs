using System.Reflection;
using ExportJobs.Secrets;
using ExportJobs.Extensibility;
using ExportJobs.Running;
using ExportJobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ExportJobs.Core.Tests.Secrets;

/// <summary>The secret-protecting wrapper stands in for the host's store, so it must pass on everything a store can override.</summary>
public sealed class SecretProtectingExportJobStoreTests
{
    [Fact]
    public void Wrapper_OverridesEveryOverridableMemberOfTheStoreContract()
    {
        var overridable = typeof(ExportJobStore)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual && !m.IsFinal)
            .Select(m => m.Name + "(" + string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)) + ")")
            .ToHashSet();

        var overridden = typeof(SecretProtectingExportJobStore)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetBaseDefinition().DeclaringType == typeof(ExportJobStore))
            .Select(m => m.Name + "(" + string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)) + ")")
            .ToHashSet();

        Assert.Empty(overridable.Except(overridden));
    }

    [Fact]
    public void AddExportJobs_InitializesTheStoreBeforeTheSchedulerStarts()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs();

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType).ToList();

        Assert.InRange(hosted.IndexOf(typeof(ExportJobStoreInitializer)), 0, hosted.IndexOf(typeof(ExportScheduler)) - 1);
    }
}
