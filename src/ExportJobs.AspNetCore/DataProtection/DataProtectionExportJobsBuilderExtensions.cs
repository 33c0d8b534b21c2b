using ExportJobs.AspNetCore.DataProtection;
using ExportJobs.Extensibility;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps destination secrets encrypted at rest with ASP.NET Core Data Protection.</summary>
public static class DataProtectionExportJobsBuilderExtensions
{
    /// <summary>
    /// Encrypts the secret settings of every job's <c>destinationConfig</c> (passwords, keys, tokens, connection strings)
    /// with ASP.NET Core Data Protection before they reach the store, and decrypts them when read.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <remarks>
    /// Adds Data Protection if the host has not. Configure where its keys live (<c>PersistKeysToFileSystem</c>,
    /// <c>ProtectKeysWith…</c>) and share them between hosts using the same store: secrets stored under lost keys
    /// cannot be read back, and such jobs then ask for the secret again. Jobs stored before keep plain values until saved again.
    /// </remarks>
    public static IExportJobsBuilder UseDataProtectionForSecrets(this IExportJobsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISecretProtector, DataProtectionSecretProtector>());
        return builder;
    }
}
