namespace Microsoft.Extensions.DependencyInjection;

internal sealed class ExportJobsBuilder(IServiceCollection services) : IExportJobsBuilder
{
    public IServiceCollection Services { get; } = services;
}
