using System.Text;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Secrets;

/// <summary>
/// The storage contract on the store a host gets with a secret protector registered: LiteDB wrapped so that the standard
/// destinations' secret settings (here the webhook's <c>headers</c>) are stored encrypted and read back as sent.
/// </summary>
public sealed class ProtectedStoreConformanceTests : ExportJobStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _folder = new();
    private ServiceProvider? _services;

    protected override Task<ExportJobStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISecretProtector, Base64Protector>();
        services.AddExportJobs().UseLiteDb($"Filename={_folder.File("store.db")}").AddStandardDestinations();
        _services = services.BuildServiceProvider();
        var store = _services.GetRequiredService<ExportJobStore>();
        Assert.Equal("SecretProtectingExportJobStore", store.GetType().Name);
        return Task.FromResult(store);
    }

    protected override async Task DisposeStoreAsync(ExportJobStore store) => await _services!.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    /// <summary>A reversible stand-in for Data Protection that makes a wrong round trip visible.</summary>
    private sealed class Base64Protector : ISecretProtector
    {
        public string Protect(string plaintext) => "b64:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext));

        public string Unprotect(string protectedValue) => Encoding.UTF8.GetString(Convert.FromBase64String(protectedValue["b64:".Length..]));
    }
}
