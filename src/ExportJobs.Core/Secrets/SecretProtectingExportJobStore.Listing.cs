using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Secrets;

/// <summary>
/// The job list as the API shows it, without decrypting secrets that are shown masked anyway.
/// </summary>
/// <remarks>
/// Decrypting every secret of every job was a tenth of the time of a warm <c>GET /export-jobs</c>. The list shows a
/// secret as <see cref="DestinationSecrets.Mask"/> when it is set, and as missing when it cannot be decrypted (keys
/// lost), so what it shows depends on whether decryption would succeed, not on the clear value. This process remembers
/// the ciphertexts it has seen decrypt or has made itself (bounded), and lists those as the mask without decrypting
/// them; any other one is decrypted once, as before. The result is exactly what decrypting and masking gives, except
/// for a key revoked while the process runs, whose secrets go on showing as set until the process restarts (their runs
/// still decrypt them, and fail asking for the setting).
/// </remarks>
internal sealed partial class SecretProtectingExportJobStore
{
    private const int MaxRememberedCiphertexts = 200_000;
    // Keyed by the ciphertext's JSON text in UTF-8, as it is stored: looked up from the parsed settings without decoding it.
    private readonly ConcurrentDictionary<byte[], byte> _decryptable = new(Utf8KeyComparer.Instance);

    /// <summary>
    /// Every job as the API shows it: as <see cref="ListJobsAsync(CancellationToken)"/> returns them, then masked as
    /// <see cref="DestinationSecrets.MaskSecrets"/> masks them, each job's settings copied once.
    /// </summary>
    public async Task<IReadOnlyList<ExportJob>> ListMaskedJobsAsync(CancellationToken cancellationToken) =>
        (await inner.ListJobsAsync(cancellationToken).ConfigureAwait(false)).Select(Shown).ToList();

    /// <summary>A page of jobs, as <see cref="ListMaskedJobsAsync(CancellationToken)"/>.</summary>
    public async Task<IReadOnlyList<ExportJob>> ListMaskedJobsAsync(ExportJobQuery query, CancellationToken cancellationToken) =>
        (await inner.ListJobsAsync(query, cancellationToken).ConfigureAwait(false)).Select(Shown).ToList();

    /// <summary>
    /// The job with its secrets masked: opened without decrypting what is known to decrypt (a copy of its settings), then
    /// every secret with a value set to the mask in that copy; a job with nothing to open is copied and masked as usual.
    /// </summary>
    private ExportJob Shown(ExportJob job)
    {
        var secrets = destinations.Find(job.DestinationType)?.SecretSettings ?? [];
        var opened = Open(job, masked: true);
        if (ReferenceEquals(opened, job))
        {
            return job with { DestinationConfig = DestinationSecrets.MaskSecrets(job.DestinationConfig, secrets) };
        }

        foreach (var name in secrets)
        {
            if (opened.DestinationConfig.TryGetPropertyValue(name, out var value) && value is not null)
            {
                opened.DestinationConfig[name] = DestinationSecrets.Mask;
            }
        }

        return opened;
    }

    /// <summary>The store this one wraps (for benchmarks that time the store without secret handling).</summary>
    internal ExportJobStore Inner => inner;

    private void Remember(string ciphertext)
    {
        if (_decryptable.Count >= MaxRememberedCiphertexts)
        {
            _decryptable.Clear();
        }

        _decryptable.TryAdd(JsonSerializer.SerializeToUtf8Bytes(ciphertext), 0);
    }

    /// <summary>Whether this process has seen the encrypted <paramref name="envelope"/>'s ciphertext decrypt, or made it.</summary>
    private bool IsKnownToDecrypt(JsonNode envelope)
    {
        if (envelope[Marker] is not JsonValue value)
        {
            return false;
        }

        var lookup = _decryptable.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.ValueKind == JsonValueKind.String && lookup.ContainsKey(JsonMarshal.GetRawUtf8Value(element));
        }

        return value.TryGetValue<string>(out var ciphertext) && lookup.ContainsKey(JsonSerializer.SerializeToUtf8Bytes(ciphertext));
    }
}
