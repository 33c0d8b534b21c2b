namespace ExportJobs.Notifications;

/// <summary>
/// The SMTP server e-mail notifications go through (<c>ExportJobs:Notifications:Smtp</c>). Host configuration only: a
/// job names recipients, never a server, so that editing a job cannot turn the host into a mail relay.
/// </summary>
/// <remarks>The server is trusted configuration: it is not subject to the outbound address policy (a relay on loopback is normal).</remarks>
public sealed class ExportNotificationSmtpOptions
{
    /// <summary>The server's host name or address; required for <c>email</c> channels.</summary>
    public string? Host { get; set; }

    /// <summary>The port. Default 587 (submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="ExportNotificationSmtpSecurity.StartTls"/>.</summary>
    public ExportNotificationSmtpSecurity Security { get; set; } = ExportNotificationSmtpSecurity.StartTls;

    /// <summary>The user to authenticate as; none: no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address (<c>From</c>); required for <c>email</c> channels.</summary>
    public string? From { get; set; }
}
