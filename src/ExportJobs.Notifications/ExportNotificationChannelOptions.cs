namespace ExportJobs.Notifications;

/// <summary>
/// One notification channel: where to tell, and of which events. Host-wide defaults are a list of these in
/// <see cref="ExportNotificationOptions.Channels"/> (<c>ExportJobs:Notifications:Channels</c>).
/// </summary>
public sealed class ExportNotificationChannelOptions
{
    /// <summary><c>webhook</c>, <c>email</c> or <c>slack</c>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The events told (see <see cref="ExportNotificationEvents"/>); empty: <see cref="ExportNotificationEvents.Default"/>.</summary>
    public IList<string> On { get; } = [];

    /// <summary><c>webhook</c>: the receiver's http(s) URL; <c>slack</c>: the incoming-webhook URL (a secret: never logged or shown).</summary>
    public string? Url { get; set; }

    /// <summary><c>webhook</c>: signs each request (HMAC-SHA256 of <c>{timestamp}.{body}</c>, see <see cref="ExportNotificationSignature"/>); optional.</summary>
    public string? Secret { get; set; }

    /// <summary><c>email</c>: the recipients; each must match <see cref="ExportNotificationOptions.AllowedRecipients"/>.</summary>
    public IList<string> To { get; } = [];
}
