using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ExportJobs.Destinations.Webhook;

/// <summary>Computes and checks the <see cref="WebhookHeaders.Signature"/> header: HMAC-SHA256 of <c>{timestamp}.{body}</c>.</summary>
/// <remarks>The body is the bytes as sent (gzip-compressed when the job compresses). Receivers also reject old timestamps to stop replays.</remarks>
public static class WebhookSignature
{
    /// <summary>The prefix of the header's value.</summary>
    public const string Prefix = "sha256=";

    /// <summary>Computes the header value for a body read from <paramref name="body"/> (read to its end).</summary>
    /// <param name="secret">The job's <c>secret</c>.</param>
    /// <param name="timestamp">The <see cref="WebhookHeaders.Timestamp"/> value, Unix seconds.</param>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<string> ComputeAsync(string secret, long timestamp, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hmac.AppendData(buffer, 0, read);
        }

        return Prefix + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Checks a received signature in constant time.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">The received <see cref="WebhookHeaders.Timestamp"/>.</param>
    /// <param name="body">The received body.</param>
    /// <param name="signature">The received <see cref="WebhookHeaders.Signature"/>.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<bool> VerifyAsync(string secret, long timestamp, Stream body, string? signature, CancellationToken cancellationToken = default)
    {
        if (signature is null)
        {
            return false;
        }

        var expected = await ComputeAsync(secret, timestamp, body, cancellationToken).ConfigureAwait(false);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
