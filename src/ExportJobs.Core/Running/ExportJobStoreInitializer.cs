using ExportJobs.Extensibility;
using Microsoft.Extensions.Hosting;

namespace ExportJobs.Running;

/// <summary>Calls <see cref="ExportJobStore.InitializeAsync"/> when the host starts, before the scheduler (registered first).</summary>
internal sealed class ExportJobStoreInitializer(ExportJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
