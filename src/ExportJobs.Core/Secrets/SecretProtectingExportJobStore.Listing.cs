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
/// When the protector names the key of a value without decrypting it (<see cref="ISecretKeyIdentifier"/>, as Data
/// Protection does), the process also remembers the keys it has seen decrypt, and lists every value of such a key as the
/// mask: after a start, one value per key is decrypted instead of every secret of every job. The one difference from
/// decrypting is then a value altered in the store under a working key, which the list shows as set (the job itself and
/// its runs still decrypt it and treat it as missing).
/// </remarks>
internal sealed partial class SecretProtectingExportJobStore
{
    private const int MaxRememberedCiphertexts = 200_000;
    private const int MaxRememberedKeys = 1_000;

    // From how many jobs a list is masked on every core (10,000 jobs: about 80 ms on one core of the 2-core machine).
    private const int ParallelFrom = 1_000;
    // Keyed by the ciphertext's JSON text in UTF-8, as it is stored: looked up from the parsed settings without decoding it.
    private readonly ConcurrentDictionary<byte[], byte> _decryptable = new(Utf8KeyComparer.Instance);

    // The ids of the keys whose values this process has seen decrypt or has made (with an ISecretKeyIdentifier).
    private readonly ConcurrentDictionary<string, byte> _decryptableKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// Every job as the API shows it: as <see cref="ListJobsAsync(CancellationToken)"/> returns them, then masked as
    /// <see cref="DestinationSecrets.MaskSecrets"/> masks them, each job's settings changed in place (they are this call's own).
    /// </summary>
    public async Task<IReadOnlyList<ExportJob>> ListMaskedJobsAsync(CancellationToken cancellationToken) =>
        ShownAll(await inner.ListJobsAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>A page of jobs, as <see cref="ListMaskedJobsAsync(CancellationToken)"/>.</summary>
    public async Task<IReadOnlyList<ExportJob>> ListMaskedJobsAsync(ExportJobQuery query, CancellationToken cancellationToken) =>
        ShownAll(await inner.ListJobsAsync(query, cancellationToken).ConfigureAwait(false));

    /// <summary>Every job <see cref="Shown"/>, in order; a long list (from <see cref="ParallelFrom"/> jobs) on every core.</summary>
    private List<ExportJob> ShownAll(IReadOnlyList<ExportJob> jobs) =>
        jobs.Count >= ParallelFrom && Environment.ProcessorCount > 1
            ? jobs.AsParallel().AsOrdered().Select(Shown).ToList()
            : jobs.Select(Shown).ToList();

    /// <summary>
    /// The job with its secrets masked, changed in place in one pass over its settings (copied first unless the store
    /// hands out copies, <see cref="ExportJobStore.ReturnsCopies"/>): each secret that
    /// is set becomes the mask, without decrypting it when it is known to decrypt; escaped values are unwrapped; an
    /// encrypted value that is not known is decrypted as <see cref="Open"/> does (and removed when that fails); every
    /// other value stays as it is. The result is what <see cref="Open"/> then <see cref="DestinationSecrets.MaskSecrets"/> give.
    /// </summary>
    private ExportJob Shown(ExportJob job)
    {
        var secrets = DestinationSecretSettings.Of(destinations, job.DestinationType, job.DestinationConfig);
        if (!inner.ReturnsCopies)
        {
            // The store may have handed out the job it keeps: mask a copy, never the store's own settings.
            job = job with { DestinationConfig = (JsonObject)job.DestinationConfig.DeepClone() };
        }

        var config = job.DestinationConfig;
        for (var i = 0; i < config.Count; i++)
        {
            var (name, value) = config.GetAt(i);
            if (value is null)
            {
                continue;
            }

            var secret = secrets.Contains(name);
            JsonNode? clear;
            if (SecretEnvelope.IsEscaped(value))
            {
                var envelope = value.AsObject();
                clear = envelope[SecretEnvelope.Clear];
                envelope.Remove(SecretEnvelope.Clear);
            }
            else if (SecretEnvelope.IsEncryptedShape(value) && SecretEnvelope.TryGetCiphertext(value, out var ciphertext))
            {
                if (secret && IsKnownToDecrypt(value))
                {
                    config.SetAt(i, DestinationSecrets.Mask);
                    continue;
                }

                if (!TryDecrypt(job.Id, name, ciphertext, out clear))
                {
                    config.RemoveAt(i--);
                    continue;
                }
            }
            else if (secret)
            {
                clear = value;
            }
            else
            {
                continue;
            }

            config.SetAt(i, secret && clear is not null ? DestinationSecrets.Mask : clear);
        }

        return job.Notifications is null
            ? job
            : job with { Notifications = job.Notifications.Select(c => c with { Settings = DestinationSecrets.MaskSecrets(OpenSettings(job.Id, c.Settings, null), notifications.SecretsOf(c.Type, c.Settings)) }).ToArray() };
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
        if (protector is ISecretKeyIdentifier keys && keys.GetKeyId(ciphertext) is { } keyId)
        {
            if (_decryptableKeys.Count >= MaxRememberedKeys)
            {
                _decryptableKeys.Clear();
            }

            _decryptableKeys.TryAdd(keyId, 0);
        }
    }

    /// <summary>
    /// Whether this process has seen the encrypted <paramref name="envelope"/>'s ciphertext decrypt, or made it, or (with
    /// an <see cref="ISecretKeyIdentifier"/>) any ciphertext of its key.
    /// </summary>
    private bool IsKnownToDecrypt(JsonNode envelope) =>
        IsCiphertextKnownToDecrypt(envelope)
        || (!_decryptableKeys.IsEmpty
            && protector is ISecretKeyIdentifier keys
            && SecretEnvelope.TryGetCiphertext(envelope, out var ciphertext)
            && keys.GetKeyId(ciphertext) is { } keyId
            && _decryptableKeys.ContainsKey(keyId));

    private bool IsCiphertextKnownToDecrypt(JsonNode envelope)
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
