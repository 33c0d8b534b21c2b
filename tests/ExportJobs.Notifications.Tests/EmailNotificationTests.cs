using ExportJobs.Notifications.Tests.Infrastructure;
using netDumbster.smtp;

namespace ExportJobs.Notifications.Tests;

/// <summary>The e-mail channel against a real SMTP server on loopback (netDumbster, in process).</summary>
public sealed class EmailNotificationTests : IDisposable
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(LoopbackPort());

    public void Dispose() => _smtp.Dispose();

    [Fact]
    public async Task FailedRun_MailToTheRecipients_TextAndHtml_WithTheRunsFacts()
    {
        await using var host = await NotifyingHost.StartAsync(o =>
        {
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = _smtp.Configuration.Port;
            o.Smtp.Security = ExportNotificationSmtpSecurity.None;
            o.Smtp.From = "exports@pim.example.com";
            o.AllowedRecipients.Add("@example.com");
            o.AllowedRecipients.Add("lead@partner.test");
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "email", To = { "ops@example.com", "lead@partner.test" } });
        });
        var job = await host.CreateJobAsync();
        host.Destination.Failure = "bucket 'exports' refused the upload <now>";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var received = Assert.Single(_smtp.ReceivedEmail);
        // The envelope's recipients, as the server got them (RCPT TO), and the message as sent, parsed back.
        Assert.Equal(["ops@example.com", "lead@partner.test"], received.ToAddresses.Select(a => a.ToString()));
        using var mail = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data)));
        Assert.Equal(["ops@example.com", "lead@partner.test"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("exports@pim.example.com", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Export 'Nightly products' failed", mail.Subject);
        var run = (await host.Manager.ListRunsAsync(job.Id, 1))!.Single();
        Assert.Equal($"{run.Id}:failed", mail.Headers[ExportNotificationHeaders.IdempotencyKey]);
        Assert.Contains("refused the upload <now>", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(run.Id, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Attempt: 1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("refused the upload &lt;now&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("destination-token-secret", received.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecipientNotAllowed_TheHostDoesNotStart_NamingIt()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => NotifyingHost.StartAsync(o =>
        {
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.From = "exports@pim.example.com";
            o.AllowedRecipients.Add("@example.com");
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "email", To = { "anyone@elsewhere.test" } });
        }));

        Assert.Contains("'anyone@elsewhere.test' is not in ExportJobs:Notifications:AllowedRecipients", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_smtp.ReceivedEmail);
    }

    private static int LoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
