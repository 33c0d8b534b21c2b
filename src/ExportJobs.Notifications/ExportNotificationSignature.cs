using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ExportJobs.Notifications;

/// <summary>
/// The <see cref="ExportNotificationHeaders.Signature"/> of a <c>webhook</c> notification: HMAC-SHA256 of
/// <c>{timestamp}.{body}</c>, exactly as the <c>webhook</c> destination signs files, so one receiver check serves both.
/// </summary>
public static class ExportNotificationSignature
{
    /// <summary>The prefix of the header's value.</summary>
    public const string Prefix = "sha256=";

    /// <summary>Computes the header value.</summary>
    /// <param name="secret">The channel's <c>secret</c>.</param>
    /// <param name="timestamp">The <see cref="ExportNotificationHeaders.Timestamp"/> value, Unix seconds.</param>
    /// <param name="body">The body as sent.</param>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return Prefix + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Checks a received signature in constant time.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">The received <see cref="ExportNotificationHeaders.Timestamp"/>.</param>
    /// <param name="body">The received body.</param>
    /// <param name="signature">The received <see cref="ExportNotificationHeaders.Signature"/>.</param>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
