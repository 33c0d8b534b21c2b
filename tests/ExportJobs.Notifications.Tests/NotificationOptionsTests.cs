using ExportJobs.Notifications.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ExportJobs.Notifications.Tests;

/// <summary>Host options are checked at start-up, every problem reported at once.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public async Task BadHostChannels_TheHostDoesNotStart_AndEveryProblemIsNamed()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => NotifyingHost.StartAsync(o =>
        {
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "pager" });
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = "ftp://hooks.example.com/x", On = { "failed", "exploded" } });
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "email" });
            o.MaxAttempts = 11;
            o.ClaimDuration = TimeSpan.FromSeconds(10);
        }));

        var all = string.Join("\n", failure.Failures);
        Assert.Contains("Channels:0:Type must be one of webhook, email, slack; it is 'pager'", all, StringComparison.Ordinal);
        Assert.Contains("Channels:1:Url must be an absolute http or https URL", all, StringComparison.Ordinal);
        Assert.Contains("Channels:1:On has the unknown event 'exploded'", all, StringComparison.Ordinal);
        Assert.Contains("Channels:2:To needs at least one recipient", all, StringComparison.Ordinal);
        Assert.Contains("Channels:2 is an email channel: set ExportJobs:Notifications:Smtp:Host", all, StringComparison.Ordinal);
        Assert.Contains("MaxAttempts must be 1 to 10", all, StringComparison.Ordinal);
        Assert.Contains("ClaimDuration must exceed", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0.0, 0)]
    [InlineData(1, 0.999, 999)]
    [InlineData(2, 0.5, 1000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(9, 1.0, 30000)]
    public void Backoff_FullJitterUnderADoublingCeiling_CappedAtMaxRetryDelay(int attempt, double random, int expectedMs)
    {
        var options = new ExportNotificationOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(expectedMs, (int)Math.Round(Sending.NotificationRetryPipeline.Delay(attempt, null, options, random).TotalMilliseconds));
    }

    [Fact]
    public void Backoff_RetryAfterWins_UpToMaxRetryDelay()
    {
        var options = new ExportNotificationOptions { MaxRetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(7), Sending.NotificationRetryPipeline.Delay(1, TimeSpan.FromSeconds(7), options, 0.3));
        Assert.Equal(TimeSpan.FromSeconds(30), Sending.NotificationRetryPipeline.Delay(1, TimeSpan.FromMinutes(5), options, 0.3));
    }
}
