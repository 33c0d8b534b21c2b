using System.Security.Cryptography;

namespace ExportJobs.Destinations.Common;

/// <summary>The MD5 and SHA-256 of some bytes, for the integrity headers a store checks and for comparing what it reports.</summary>
internal sealed record ContentDigest(byte[] Md5, byte[] Sha256, long Length)
{
    public string Md5Hex => Convert.ToHexStringLower(Md5);

    public string Md5Base64 => Convert.ToBase64String(Md5);

    public string Sha256Base64 => Convert.ToBase64String(Sha256);

    /// <summary>Reads <paramref name="stream"/> to its end and rewinds it; its bytes are appended to <paramref name="whole"/> and <paramref name="alsoWhole"/> too (hashes of the whole file, part by part).</summary>
    /// <param name="stream">The bytes (a seekable window of the file).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="whole">Also gets the bytes, when given.</param>
    /// <param name="alsoWhole">Also gets the bytes, when given.</param>
    /// <param name="withSha256">Whether to compute the SHA-256 too (s3 sends it; azure-blob checks only the MD5, and <see cref="Sha256"/> is then empty).</param>
    public static async Task<ContentDigest> ComputeAsync(Stream stream, CancellationToken cancellationToken, IncrementalHash? whole = null, IncrementalHash? alsoWhole = null, bool withSha256 = true)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = withSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            sha256?.AppendData(buffer, 0, read);
            whole?.AppendData(buffer, 0, read);
            alsoWhole?.AppendData(buffer, 0, read);
            length += read;
        }

        stream.Seek(0, SeekOrigin.Begin);
        return new ContentDigest(md5.GetHashAndReset(), sha256?.GetHashAndReset() ?? [], length);
    }

    /// <summary>Whether an ETag (quoted or not) is the plain MD5 <paramref name="md5Hex"/>; <see langword="null"/> when it is no MD5 at all.</summary>
    public static bool? ETagMatches(string? etag, string md5Hex)
    {
        var value = etag?.Trim('"');
        if (value is null || value.Length != 32 || !value.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return string.Equals(value, md5Hex, StringComparison.OrdinalIgnoreCase);
    }
}
