namespace ExportJobs.Notifications;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum ExportNotificationSmtpSecurity
{
    /// <summary>TLS from the start when the port is 465, else STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>STARTTLS, required: the mail is not sent when the server does not offer it. The default.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, else in clear text.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the start (implicit TLS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>Clear text: only for a relay on the same machine or network.</summary>
    None,
}
