using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ExportJobs.Destinations.Common;

/// <summary>Keys of the <see cref="ClientCache{TClient}"/>: a SHA-256 of the settings that shape a client, so a key reveals none of them.</summary>
internal static class ClientKey
{
    /// <summary>A key for <paramref name="parts"/> (each may be null).</summary>
    public static string Of(params string?[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            // Length-prefixed, so that no two different lists of parts give the same text.
            text.Append(part is null ? "-1" : part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
