namespace ExportJobs.Registration;

/// <summary>Names a component (a destination or a format) registered as a keyed service under <see cref="Name"/>.</summary>
/// <typeparam name="TComponent">The contract: <see cref="Extensibility.IExportDestination"/> or <see cref="Extensibility.IExportFormat"/>.</typeparam>
/// <param name="Name">The name jobs use (<c>destinationType</c> or <c>format</c>).</param>
internal sealed record ExportComponentRegistration<TComponent>(string Name)
    where TComponent : class;
