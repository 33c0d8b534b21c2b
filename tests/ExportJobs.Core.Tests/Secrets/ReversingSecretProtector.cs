using System.Security.Cryptography;
using System.Text;
using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Secrets;

/// <summary>A stand-in for Data Protection: "encrypts" by base64 behind a prefix, so tests can see what was stored and forge nothing.</summary>
internal sealed class ReversingSecretProtector : ISecretProtector
{
    private const string Prefix = "enc:";

    public string Protect(string plaintext) => Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext));

    public string Unprotect(string protectedValue) =>
        protectedValue.StartsWith(Prefix, StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(protectedValue[Prefix.Length..]))
            : throw new CryptographicException("Not made by this protector.");
}
