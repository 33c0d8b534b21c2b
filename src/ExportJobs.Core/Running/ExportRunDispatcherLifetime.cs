using Microsoft.Extensions.Hosting;

namespace ExportJobs.Running;

/// <summary>Cancels running exports when the host stops, and waits until their failure is recorded.</summary>
internal sealed class ExportRunDispatcherLifetime(ExportRunDispatcher dispatcher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => dispatcher.StopAsync(cancellationToken);
}
