using ExportJobs.Extensibility;
using Microsoft.AspNetCore.DataProtection;

namespace ExportJobs.AspNetCore.DataProtection;

/// <summary>Encrypts destination secrets with ASP.NET Core Data Protection (purpose <c>ExportJobs.DestinationSecrets.v1</c>).</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("ExportJobs.DestinationSecrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
