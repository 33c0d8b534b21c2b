using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Registration;

/// <summary>The destinations or formats registered in the host, by name.</summary>
/// <typeparam name="TComponent">The contract: <see cref="Extensibility.IExportDestination"/> or <see cref="Extensibility.IExportFormat"/>.</typeparam>
/// <remarks>Names are case-sensitive, as the API's enum values are (<c>"s3"</c>, not <c>"S3"</c>).</remarks>
internal sealed class ExportComponentRegistry<TComponent>
    where TComponent : class
{
    private readonly IServiceProvider _services;
    private readonly SortedSet<string> _names;

    /// <summary>Creates the registry from the registrations in the container.</summary>
    /// <param name="registrations">The registered names.</param>
    /// <param name="services">Resolves the keyed components.</param>
    public ExportComponentRegistry(IEnumerable<ExportComponentRegistration<TComponent>> registrations, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _services = services;
        _names = new SortedSet<string>(registrations.Select(r => r.Name), StringComparer.Ordinal);
    }

    /// <summary>Every registered name, sorted.</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Returns the component registered under <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The name.</param>
    public TComponent? Find(string? name) =>
        name is not null && _names.Contains(name) ? _services.GetRequiredKeyedService<TComponent>(name) : null;

    /// <summary>Returns the component registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="InvalidOperationException">Nothing is registered under that name.</exception>
    public TComponent Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"No {typeof(TComponent).Name} is registered under the name '{name}'. Registered: {string.Join(", ", _names)}.");
}
