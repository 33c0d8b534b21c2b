using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Secrets;

/// <summary>
/// Wraps the configured store so that the secret settings of every job's <c>destinationConfig</c> are stored encrypted by
/// the registered <see cref="ISecretProtector"/> and come back decrypted: the rest of the library, and destinations,
/// only ever see clear values. It wraps every store, with or without a protector, so that the stored shape of settings
/// cannot be forged by what users send (see <see cref="SecretEnvelope"/>).
/// </summary>
/// <remarks>
/// A secret is stored as <c>{"$protected": "…"}</c>. A secret that cannot be decrypted (for example after the keys were
/// lost, or with no protector registered any more) is read as missing, so the job shows no value for it and its runs
/// fail asking for the setting, instead of the whole job list failing.
/// </remarks>
internal sealed partial class SecretProtectingExportJobStore(
    ExportJobStore inner,
    ISecretProtector? protector,
    ExportComponentRegistry<IExportDestination> destinations,
    JobNotificationRules notifications,
    ILogger<SecretProtectingExportJobStore> logger) : ExportJobStore, IAsyncDisposable, IDisposable
{
    internal const string Marker = SecretEnvelope.Protected;

    /// <summary>The container disposes this wrapper; it disposes the store it wraps.</summary>
    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    public override async Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await inner.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job is null ? null : Unprotect(job);
    }

    public override bool ReturnsCopies => inner.ReturnsCopies;

    public override async Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default) =>
        (await inner.ListJobsAsync(cancellationToken).ConfigureAwait(false)).Select(Unprotect).ToList();

    /// <summary>The wrapped store's jobs, their secrets left sealed: nothing is decrypted for a reader that uses no settings.</summary>
    internal override Task<IReadOnlyList<ExportJob>> ListJobsWithSealedSecretsAsync(CancellationToken cancellationToken) =>
        inner.ListJobsAsync(cancellationToken);

    public override async Task<IReadOnlyList<ExportJob>> ListJobsAsync(ExportJobQuery query, CancellationToken cancellationToken = default) =>
        (await inner.ListJobsAsync(query, cancellationToken).ConfigureAwait(false)).Select(Unprotect).ToList();

    public override Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default) =>
        inner.CreateJobAsync(Protect(job), cancellationToken);

    public override Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default) =>
        inner.UpdateJobAsync(Protect(job), cancellationToken);

    public override Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteJobAsync(jobId, cancellationToken);

    public override Task<ExportJobWriteOutcome> TryUpdateJobAsync(ExportJob job, long expectedVersion, CancellationToken cancellationToken = default) =>
        inner.TryUpdateJobAsync(Protect(job), expectedVersion, cancellationToken);

    public override Task<ExportJobWriteOutcome> TryDeleteJobAsync(string jobId, long expectedVersion, CancellationToken cancellationToken = default) =>
        inner.TryDeleteJobAsync(jobId, expectedVersion, cancellationToken);

    public override Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default) => inner.CreateRunAsync(run, cancellationToken);

    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default) => inner.UpdateRunAsync(run, cancellationToken);

    public override Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => inner.GetRunAsync(runId, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default) =>
        inner.ListRunsAsync(jobId, limit, cancellationToken);

    public override Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default) =>
        inner.GetLatestRunAsync(jobId, status, cancellationToken);

    public override Task<IReadOnlyDictionary<string, ExportRun>> GetLatestRunsAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) =>
        inner.GetLatestRunsAsync(jobIds, cancellationToken);

    public override Task<IReadOnlyDictionary<string, ExportRunSummary>> GetLatestRunSummariesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) =>
        inner.GetLatestRunSummariesAsync(jobIds, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default) =>
        inner.ListRunsByStatusAsync(status, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, ExportRunQuery query, CancellationToken cancellationToken = default) =>
        inner.ListRunsAsync(jobId, query, cancellationToken);

    public override Task<int> PruneRunsAsync(string jobId, ExportRunPruning pruning, int maxCount, CancellationToken cancellationToken = default) =>
        inner.PruneRunsAsync(jobId, pruning, maxCount, cancellationToken);

    public override Task<int> PruneClaimsAsync(DateTimeOffset occurredBefore, int maxCount, CancellationToken cancellationToken = default) =>
        inner.PruneClaimsAsync(occurredBefore, maxCount, cancellationToken);

    public override Task<IAsyncDisposable?> TryLockPruningAsync(CancellationToken cancellationToken = default) =>
        inner.TryLockPruningAsync(cancellationToken);

    public override Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public override Task<bool> JobExistsAsync(string jobId, CancellationToken cancellationToken = default) => inner.JobExistsAsync(jobId, cancellationToken);

    public override Task<IReadOnlyList<bool>> TryClaimOccurrencesAsync(IReadOnlyList<ExportOccurrence> occurrences, string owner, CancellationToken cancellationToken = default) =>
        inner.TryClaimOccurrencesAsync(occurrences, owner, cancellationToken);

    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default) =>
        inner.TryClaimOccurrenceAsync(jobId, occurrence, owner, cancellationToken);

    public override bool SupportsRunLeases => inner.SupportsRunLeases;

    public override Task RenewRunLeasesAsync(IReadOnlyCollection<string> runIds, string owner, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.RenewRunLeasesAsync(runIds, owner, now, cancellationToken);

    public override Task<IReadOnlyList<ExportRun>> FailExpiredRunsAsync(DateTimeOffset expiredBefore, DateTimeOffset now, string reason, CancellationToken cancellationToken = default) =>
        inner.FailExpiredRunsAsync(expiredBefore, now, reason, cancellationToken);

    public override Task WatchJobChangesAsync(Action<string> onChanged, TimeProvider time, CancellationToken cancellationToken) =>
        inner.WatchJobChangesAsync(onChanged, time, cancellationToken);

    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default) =>
        inner.GetLastClaimedOccurrenceAsync(jobId, cancellationToken);

    public override Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastClaimedOccurrencesAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken = default) =>
        inner.GetLastClaimedOccurrencesAsync(jobIds, cancellationToken);

    private ExportJob Protect(ExportJob job) => job with
    {
        DestinationConfig = Seal(job.DestinationConfig, destinations.Find(job.DestinationType)?.SecretSettings ?? []),
        Notifications = job.Notifications?.Select(c => c with { Settings = Seal(c.Settings, notifications.SecretsOf(c.Type, c.Settings)) }).ToArray(),
    };

    /// <summary>The stored form of one settings object: its <paramref name="secrets"/> encrypted, envelope look-alikes escaped.</summary>
    private JsonObject Seal(JsonObject settings, IReadOnlyCollection<string> secrets)
    {
        var config = new JsonObject();
        foreach (var (name, value) in settings)
        {
            var sealedValue = SecretEnvelope.Seal(value, secrets.Contains(name), protector);
            if (SecretEnvelope.IsEncrypted(sealedValue))
            {
                Remember(sealedValue![Marker]!.GetValue<string>());
            }

            config[name] = sealedValue;
        }

        return config;
    }

    private ExportJob Unprotect(ExportJob job) => Open(job, masked: false);

    /// <summary>
    /// <paramref name="job"/> with its settings unwrapped: escaped values as sent, encrypted secrets decrypted, or, when
    /// <paramref name="masked"/>, set to <see cref="DestinationSecrets.Mask"/> without decrypting them if this process
    /// has seen them decrypt (or encrypted them) before. A secret that cannot be decrypted is removed either way.
    /// </summary>
    private ExportJob Open(ExportJob job, bool masked)
    {
        var opened = job.Notifications is { Count: > 0 } channels
            ? job with { Notifications = channels.Select(c => c with { Settings = OpenSettings(job.Id, c.Settings, masked ? notifications.SecretsOf(c.Type, c.Settings) : null) }).ToArray() }
            : job;
        var config = OpenSettings(job.Id, job.DestinationConfig, masked ? DestinationSecretSettings.Of(destinations, job.DestinationType, job.DestinationConfig) : null);
        return ReferenceEquals(config, job.DestinationConfig) ? opened : opened with { DestinationConfig = config };
    }

    /// <summary>One settings object opened as <see cref="Open"/> says; <paramref name="maskedSecrets"/> when masking.</summary>
    private JsonObject OpenSettings(string jobId, JsonObject settings, IReadOnlyCollection<string>? maskedSecrets)
    {
        if (!settings.Any(p => SecretEnvelope.HasEnvelopeShape(p.Value)))
        {
            return settings;
        }

        var masked = maskedSecrets is not null;
        var secrets = maskedSecrets ?? [];
        var config = (JsonObject)settings.DeepClone();
        foreach (var (name, value) in settings)
        {
            if (SecretEnvelope.IsEscaped(value))
            {
                config[name] = value![SecretEnvelope.Clear]?.DeepClone();
                continue;
            }

            if (masked && secrets.Contains(name) && SecretEnvelope.IsEncryptedShape(value) && IsKnownToDecrypt(value!))
            {
                config[name] = DestinationSecrets.Mask;
                continue;
            }

            if (!SecretEnvelope.TryGetCiphertext(value, out var ciphertext))
            {
                continue;
            }

            if (TryDecrypt(jobId, name, ciphertext, out var clear))
            {
                config[name] = clear;
            }
            else
            {
                config.Remove(name);
            }
        }

        return config;
    }

    /// <summary>Decrypts one stored secret; <see langword="false"/> (logged) when it cannot be: it is then treated as missing.</summary>
    private bool TryDecrypt(string jobId, string setting, string ciphertext, out JsonNode? clear)
    {
        clear = null;
        if (protector is null)
        {
            LogUndecryptable(jobId, setting, "no ISecretProtector is registered");
            return false;
        }

        try
        {
            clear = JsonNode.Parse(protector.Unprotect(ciphertext));
            Remember(ciphertext);
            return true;
        }
        catch (CryptographicException ex)
        {
            LogUndecryptable(jobId, setting, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The secret setting '{Setting}' of export job {JobId} cannot be decrypted ({Reason}); it is treated as missing. Were the data protection keys lost or changed? Set the secret again.")]
    private partial void LogUndecryptable(string jobId, string setting, string reason);
}
