using System.Security.Cryptography;
using ExportJobs.AspNetCore.DataProtection;
using ExportJobs.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// <c>UseDataProtectionForSecrets()</c>'s protector names the key of a value from the value alone (Data Protection's
/// payload header), which the job list uses to decrypt one secret per key instead of every secret once.
/// </summary>
public sealed class DataProtectionKeyIdTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void GetKeyId_IsTheKeyRingsKey_ForEveryValueItMade_AndNullForAnythingElse()
    {
        using var ring = KeyRing("a");
        using var other = KeyRing("b");
        var protector = new DataProtectionSecretProtector(ring.GetRequiredService<IDataProtectionProvider>());
        var foreign = new DataProtectionSecretProtector(other.GetRequiredService<IDataProtectionProvider>());

        var first = protector.Protect("\"one\"");
        var second = protector.Protect("\"two\"");
        var stranger = foreign.Protect("\"three\""); // each ring makes its key at its first use
        var keyId = ring.GetRequiredService<IKeyManager>().GetAllKeys().Single().KeyId.ToString("N");
        var otherKeyId = other.GetRequiredService<IKeyManager>().GetAllKeys().Single().KeyId.ToString("N");

        Assert.NotEqual(keyId, otherKeyId);
        Assert.Equal(keyId, protector.GetKeyId(first));
        Assert.Equal(keyId, protector.GetKeyId(second));
        Assert.Equal(otherKeyId, protector.GetKeyId(stranger));
        Assert.Throws<CryptographicException>(() => protector.Unprotect(stranger)); // a key this ring lacks: it never decrypts
        Assert.Null(protector.GetKeyId(""));
        Assert.Null(protector.GetKeyId("short"));
        Assert.Null(protector.GetKeyId("not base64url at all, with spaces and !!"));
        Assert.Null(protector.GetKeyId(new string('A', 60))); // decodes, but without Data Protection's magic header
    }

    public void Dispose() => _folder.Dispose();

    private ServiceProvider KeyRing(string name)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(_folder.File(name)));
        return services.BuildServiceProvider();
    }
}
