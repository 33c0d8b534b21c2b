namespace ExportJobs.Notifications.Channels;

/// <summary>Matches an e-mail recipient against <see cref="ExportNotificationOptions.AllowedRecipients"/>: exact addresses or <c>@domain</c>, case-insensitively.</summary>
internal static class RecipientAllowlist
{
    public static bool Allows(IEnumerable<string> allowed, string recipient)
    {
        var at = recipient.LastIndexOf('@');
        if (at <= 0 || at == recipient.Length - 1)
        {
            return false;
        }

        var domain = recipient[at..];
        foreach (var entry in allowed)
        {
            var trimmed = entry.Trim();
            if (trimmed.StartsWith('@') ? string.Equals(domain, trimmed, StringComparison.OrdinalIgnoreCase) : string.Equals(recipient, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
