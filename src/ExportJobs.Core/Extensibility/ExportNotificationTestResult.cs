namespace ExportJobs.Extensibility;

/// <summary>What one notification channel did with a test event.</summary>
/// <param name="Channel">The channel as logs show it (for example <c>host channel 1 (webhook https://hooks.example.com)</c>): never a secret, a Slack URL or a webhook's path.</param>
/// <param name="Type"><c>webhook</c>, <c>email</c> or <c>slack</c>.</param>
/// <param name="Accepted">Whether the receiver accepted it.</param>
/// <param name="Error">Why not, when it did not (never a secret).</param>
public sealed record ExportNotificationTestResult(string Channel, string Type, bool Accepted, string? Error);
