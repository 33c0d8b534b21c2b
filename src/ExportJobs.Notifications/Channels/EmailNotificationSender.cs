using System.Net;
using System.Net.Sockets;
using System.Text;
using ExportJobs.Notifications.Events;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExportJobs.Notifications.Channels;

/// <summary>
/// Sends an e-mail with a plain-text and an HTML body through the SMTP server of the host's options (never one a job
/// names), to the channel's recipients, each checked against <see cref="ExportNotificationOptions.AllowedRecipients"/>.
/// </summary>
internal sealed class EmailNotificationSender(IOptionsMonitor<ExportNotificationOptions> options) : INotificationSender
{
    public string Type => NotificationChannel.Email;

    public async Task SendAsync(NotificationChannel channel, NotificationEvent notification, string payload, int attempt, CancellationToken cancellationToken)
    {
        var host = options.CurrentValue;
        var smtp = host.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host) || string.IsNullOrWhiteSpace(smtp.From))
        {
            throw new NotificationDeliveryException("No SMTP server is configured (ExportJobs:Notifications:Smtp:Host and :From).", retryable: false);
        }

        var refused = channel.To.Where(to => !RecipientAllowlist.Allows(host.AllowedRecipients, to)).ToList();
        if (refused.Count > 0 || channel.To.Count == 0)
        {
            throw new NotificationDeliveryException(
                channel.To.Count == 0 ? "The channel has no recipients." : $"{refused.Count} recipient(s) are not in ExportJobs:Notifications:AllowedRecipients.",
                retryable: false);
        }

        using var message = Compose(notification, smtp.From, channel.To);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex)
        {
            // 4xx: try again later; 5xx: the server refuses the mail for good.
            throw new NotificationDeliveryException($"The SMTP server {smtp.Host}:{smtp.Port} answered {(int)ex.StatusCode} ({ex.ErrorCode}).", retryable: (int)ex.StatusCode < 500, inner: ex);
        }
        catch (AuthenticationException ex)
        {
            throw new NotificationDeliveryException($"The SMTP server {smtp.Host}:{smtp.Port} refused the configured credentials.", retryable: false, inner: ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException)
        {
            throw new NotificationDeliveryException($"Could not talk to the SMTP server {smtp.Host}:{smtp.Port}: {ex.GetType().Name}.", retryable: ex is not SslHandshakeException, inner: ex);
        }
    }

    internal static MimeMessage Compose(NotificationEvent notification, string from, IEnumerable<string> to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var recipient in to)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = NotificationText.Title(notification);
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("exportjobs.invalid");
        message.Headers.Add(ExportNotificationHeaders.IdempotencyKey, notification.Id);
        message.Headers.Add(ExportNotificationHeaders.Event, notification.Event);
        message.Headers.Add(ExportNotificationHeaders.JobId, notification.JobId);
        var facts = NotificationText.Facts(notification);
        var text = new StringBuilder().AppendLine(NotificationText.Title(notification)).AppendLine();
        var html = new StringBuilder("<!DOCTYPE html><html><body><h2>")
            .Append(WebUtility.HtmlEncode(NotificationText.Title(notification)))
            .Append("</h2><table>");
        foreach (var (label, value) in facts)
        {
            text.Append(label).Append(": ").AppendLine(value);
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>")
                .Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Security(ExportNotificationSmtpSecurity security) => security switch
    {
        ExportNotificationSmtpSecurity.None => SecureSocketOptions.None,
        ExportNotificationSmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        ExportNotificationSmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        ExportNotificationSmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
