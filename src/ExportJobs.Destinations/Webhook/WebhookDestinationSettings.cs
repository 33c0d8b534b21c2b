namespace ExportJobs.Destinations.Webhook;

/// <summary>The <c>destinationConfig</c> of a <c>webhook</c> job, read and checked by <see cref="WebhookDestinationSettingsValidator"/>.</summary>
internal sealed record WebhookDestinationSettings
{
    public required Uri Url { get; init; }

    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string? Secret { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>The URL without user info and query (which may hold credentials), as recorded and logged.</summary>
    public string SafeUrl => Url.GetLeftPart(UriPartial.Path);
}
