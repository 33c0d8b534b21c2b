using ExportJobs.Model;

namespace ExportJobs.Notifications.Events;

/// <summary>What a notification tells: the facts every channel renders (the payload, the e-mail, the chat message).</summary>
/// <remarks>Built from the job and run models, which hold no secrets outside <c>destinationConfig</c>, and that is never read here.</remarks>
internal sealed record NotificationEvent
{
    public const int Version = 1;

    public required string Id { get; init; }

    public required string Event { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string JobId { get; init; }

    public string? JobName { get; init; }

    public ExportRun? Run { get; init; }

    public string? Reason { get; init; }

    public Uri? Link { get; init; }

    public static Uri? LinkTo(Uri? publicBaseUrl, string jobId, string? runId)
    {
        if (publicBaseUrl is null)
        {
            return null;
        }

        var root = publicBaseUrl.AbsoluteUri.TrimEnd('/');
        var path = runId is null ? $"/{Uri.EscapeDataString(jobId)}" : $"/{Uri.EscapeDataString(jobId)}/runs/{Uri.EscapeDataString(runId)}";
        return new Uri(root + path);
    }
}
