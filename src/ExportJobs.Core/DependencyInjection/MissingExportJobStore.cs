using ExportJobs.Extensibility;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The store <c>AddExportJobs()</c> registers until <c>UseStore</c> (or <c>UseLiteDb</c>, <c>UsePostgreSql</c>) chooses
/// one: resolving it throws <see cref="Message"/>. A keyed registration under <see cref="Key"/> tells
/// <c>MapExportJobs()</c> that no store was chosen, so it can say so before the host starts.
/// </summary>
/// <remarks>
/// Without it, a host that forgot the store and validates its container on build (<c>ValidateOnBuild</c>, which
/// <c>WebApplication</c> turns on in Development) failed with one "unable to resolve ExportJobStore" error per engine
/// type instead of the message; the container cannot look into a factory, so this default passes its validation.
/// </remarks>
internal static class MissingExportJobStore
{
    /// <summary>The service key of the marker (a string, so that the AspNetCore package can ask for it).</summary>
    public const string Key = "ExportJobs:NoStore";

    public const string Message =
        "ExportJobs has no store. Choose one when adding the services, for example 'builder.Services.AddExportJobs().UseLiteDb(connectionString)'.";

    /// <summary>Registers the throwing default and its marker, unless a store is registered already.</summary>
    public static void AddTo(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ExportJobStore)))
        {
            return;
        }

        services.AddSingleton<ExportJobStore>(static _ => throw new InvalidOperationException(Message));
        services.AddKeyedSingleton<ExportJobStore>(Key, static (_, _) => throw new InvalidOperationException(Message));
    }

    /// <summary>Removes the default and its marker before a store is chosen.</summary>
    public static void RemoveFrom(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(ExportJobStore))
            {
                services.RemoveAt(i);
            }
        }
    }
}
