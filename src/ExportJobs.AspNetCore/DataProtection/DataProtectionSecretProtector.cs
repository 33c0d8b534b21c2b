using System.Buffers.Binary;
using System.Buffers.Text;
using ExportJobs.Extensibility;
using Microsoft.AspNetCore.DataProtection;

namespace ExportJobs.AspNetCore.DataProtection;

/// <summary>Encrypts destination secrets with ASP.NET Core Data Protection (purpose <c>ExportJobs.DestinationSecrets.v1</c>).</summary>
/// <remarks>
/// A protected value is the base64url text of Data Protection's payload, which starts with a 32-bit magic header and the
/// 128-bit id of the key that encrypted it: <see cref="GetKeyId"/> reads that id from the first 28 characters.
/// </remarks>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector, ISecretKeyIdentifier
{
    private const uint MagicHeader = 0x09F0C9F0;
    private const int HeaderBytes = 4 + 16;
    private const int HeaderChars = 28; // base64url of 21 bytes: the header and one byte more
    private readonly IDataProtector _protector = provider.CreateProtector("ExportJobs.DestinationSecrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);

    public string? GetKeyId(string protectedValue)
    {
        if (protectedValue is null || protectedValue.Length < HeaderChars)
        {
            return null;
        }

        Span<byte> header = stackalloc byte[21];
        if (Base64Url.DecodeFromChars(protectedValue.AsSpan(0, HeaderChars), header, out _, out var written) != System.Buffers.OperationStatus.Done
            || written < HeaderBytes
            || BinaryPrimitives.ReadUInt32BigEndian(header) != MagicHeader)
        {
            return null;
        }

        return new Guid(header.Slice(4, 16)).ToString("N");
    }
}
