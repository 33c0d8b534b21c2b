using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

/// <summary>The notification outbox: written with the final run, claimed by one host at a time, deleted once sent.</summary>
public abstract partial class ExportJobStoreConformanceTests
{
    private const string Sender = "web-1:100";
    private const string OtherSender = "web-2:200";

    [Fact]
    public void Outbox_IsKept()
    {
        Assert.True(Store.SupportsOutbox);
    }

    [Fact]
    public async Task CompleteRunWithMessages_Held_WritesTheRunAndEveryMessage()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var opened = OpenedRun("run-1");
        await Store.CreateRunAsync(opened);
        var final = Finished(opened);
        var failed = NewMessage("evt-1", T0.AddSeconds(40), "failed");
        var paused = NewMessage("evt-2", T0.AddSeconds(41), "autoPaused") with { RunId = null };

        Assert.True(await Store.CompleteRunAsync(final, [failed, paused]));

        AssertSameRun(final, await Store.GetRunAsync("run-1"));
        var claimed = await Store.ClaimOutboxMessagesAsync(Sender, T0.AddMinutes(1), T0.AddMinutes(2), 10);
        Assert.Equal(["evt-1", "evt-2"], claimed.Select(m => m.Id));
        AssertSameMessage(failed with { Attempts = 1, ClaimedBy = Sender, ClaimedUntil = T0.AddMinutes(2) }, claimed[0]);
        AssertSameMessage(paused with { Attempts = 1, ClaimedBy = Sender, ClaimedUntil = T0.AddMinutes(2) }, claimed[1]);
    }

    [Theory]
    [InlineData("web-3:1", 1L, false)]
    [InlineData(Owner, 2L, false)]
    [InlineData(Owner, 1L, true)]
    public async Task CompleteRunWithMessages_NotHeldOrFinished_WritesNeither(string owner, long epoch, bool finishedBefore)
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var opened = OpenedRun("run-1");
        await Store.CreateRunAsync(opened);
        if (finishedBefore)
        {
            Assert.True(await Store.CompleteRunAsync(Finished(opened)));
        }

        Assert.False(await Store.CompleteRunAsync(Finished(opened) with { Owner = owner, Epoch = epoch, Error = "late" }, [NewMessage("evt-1", T0, "failed")]));

        Assert.Null((await Store.GetRunAsync("run-1"))!.Error);
        Assert.Empty(await Store.ClaimOutboxMessagesAsync(Sender, T0.AddDays(1), T0.AddDays(2), 10));
    }

    [Fact]
    public async Task CompleteRunWithMessages_UnknownRun_WritesNeither()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.False(await Store.CompleteRunAsync(Finished(OpenedRun("run-1")), [NewMessage("evt-1", T0, "failed")]));

        Assert.Null(await Store.GetRunAsync("run-1"));
        Assert.Empty(await Store.ClaimOutboxMessagesAsync(Sender, T0.AddDays(1), T0.AddDays(2), 10));
    }

    [Fact]
    public async Task AddOutboxMessages_AnIdStoredAlready_KeepsTheStoredMessage()
    {
        var first = NewMessage("evt-1", T0, "failed");
        await Store.AddOutboxMessagesAsync([first]);

        await Store.AddOutboxMessagesAsync([first with { EventType = "succeeded", Payload = "{}" }, NewMessage("evt-2", T0.AddSeconds(1), "recovered")]);

        var claimed = await Store.ClaimOutboxMessagesAsync(Sender, T0.AddMinutes(1), T0.AddMinutes(2), 10);
        Assert.Equal(["evt-1", "evt-2"], claimed.Select(m => m.Id));
        Assert.Equal(("failed", first.Payload), (claimed[0].EventType, claimed[0].Payload));
    }

    [Fact]
    public async Task ClaimOutboxMessages_OldestFirst_AtMostMaxCount_EachOnceWhileHeld()
    {
        // Created out of order, with the same instant for two (then ordered by id), at mixed offsets.
        await Store.AddOutboxMessagesAsync(
        [
            NewMessage("evt-c", T0.AddSeconds(3), "failed"),
            NewMessage("evt-b", T0.AddSeconds(1).ToOffset(TimeSpan.FromHours(5)), "failed"),
            NewMessage("evt-a", T0.AddSeconds(1), "failed"),
            NewMessage("evt-d", T0.AddSeconds(2).ToOffset(TimeSpan.FromHours(-7)), "failed"),
        ]);
        var now = T0.AddMinutes(1);

        var first = await Store.ClaimOutboxMessagesAsync(Sender, now, now.AddMinutes(5), 3);
        var second = await Store.ClaimOutboxMessagesAsync(OtherSender, now, now.AddMinutes(5), 3);
        var third = await Store.ClaimOutboxMessagesAsync(OtherSender, now.AddMinutes(5).AddTicks(-10), now.AddMinutes(10), 3);

        Assert.Equal(["evt-a", "evt-b", "evt-d"], first.Select(m => m.Id));
        Assert.All(first, m => Assert.Equal((Sender, 1), (m.ClaimedBy, m.Attempts)));
        Assert.Equal(["evt-c"], second.Select(m => m.Id));
        Assert.Empty(third);
    }

    [Fact]
    public async Task ClaimOutboxMessages_AfterTheClaimLapsed_GoesToTheNextClaimant_AndTheFirstCanNoLongerDelete()
    {
        await Store.AddOutboxMessagesAsync([NewMessage("evt-1", T0, "failed")]);
        var now = T0.AddMinutes(1);
        Assert.Single(await Store.ClaimOutboxMessagesAsync(Sender, now, now.AddMinutes(5), 10));

        var again = Assert.Single(await Store.ClaimOutboxMessagesAsync(OtherSender, now.AddMinutes(5), now.AddMinutes(10), 10));

        Assert.Equal(("evt-1", OtherSender, 2), (again.Id, again.ClaimedBy, again.Attempts));
        Assert.False(await Store.DeleteOutboxMessageAsync("evt-1", Sender));
        Assert.True(await Store.DeleteOutboxMessageAsync("evt-1", OtherSender));
        Assert.Empty(await Store.ClaimOutboxMessagesAsync(Sender, now.AddDays(1), now.AddDays(2), 10));
    }

    [Fact]
    public async Task MessageWrittenClaimed_IsHeldByItsWriter_UntilTheClaimLapses()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        var held = NewMessage("evt-1", T0, "failed") with { ClaimedBy = Sender, ClaimedUntil = T0.AddMinutes(5) };
        Assert.True(await Store.CompleteRunAsync(Finished(OpenedRun("run-1")), [held]));

        Assert.Empty(await Store.ClaimOutboxMessagesAsync(OtherSender, T0.AddMinutes(4), T0.AddMinutes(9), 10));
        Assert.False(await Store.DeleteOutboxMessageAsync("evt-1", OtherSender));
        var lapsed = Assert.Single(await Store.ClaimOutboxMessagesAsync(OtherSender, T0.AddMinutes(5), T0.AddMinutes(9), 10));
        Assert.Equal((OtherSender, 1), (lapsed.ClaimedBy, lapsed.Attempts));
    }

    [Fact]
    public async Task DeleteOutboxMessage_OnlyByItsClaimant()
    {
        await Store.AddOutboxMessagesAsync([NewMessage("evt-1", T0, "failed"), NewMessage("evt-2", T0.AddSeconds(1), "failed")]);
        Assert.False(await Store.DeleteOutboxMessageAsync("evt-1", Sender));
        await Store.ClaimOutboxMessagesAsync(Sender, T0.AddMinutes(1), T0.AddMinutes(2), 10);

        Assert.False(await Store.DeleteOutboxMessageAsync("evt-1", OtherSender));
        Assert.False(await Store.DeleteOutboxMessageAsync("evt-9", Sender));
        Assert.True(await Store.DeleteOutboxMessageAsync("evt-1", Sender));
        Assert.False(await Store.DeleteOutboxMessageAsync("evt-1", Sender));

        var left = Assert.Single(await Store.ClaimOutboxMessagesAsync(OtherSender, T0.AddMinutes(2), T0.AddMinutes(3), 10));
        Assert.Equal("evt-2", left.Id);
    }

    [Fact]
    public async Task ReleaseOutboxMessage_MakesItClaimableFromRetryAt_OnlyByItsClaimant()
    {
        await Store.AddOutboxMessagesAsync([NewMessage("evt-1", T0, "failed")]);
        var now = T0.AddMinutes(1);
        await Store.ClaimOutboxMessagesAsync(Sender, now, now.AddMinutes(30), 10);

        Assert.False(await Store.ReleaseOutboxMessageAsync("evt-1", OtherSender, now));
        Assert.False(await Store.ReleaseOutboxMessageAsync("evt-9", Sender, now));
        Assert.True(await Store.ReleaseOutboxMessageAsync("evt-1", Sender, now.AddMinutes(2)));

        Assert.False(await Store.DeleteOutboxMessageAsync("evt-1", Sender));
        Assert.Empty(await Store.ClaimOutboxMessagesAsync(OtherSender, now.AddMinutes(2).AddTicks(-10), now.AddMinutes(3), 10));
        var again = Assert.Single(await Store.ClaimOutboxMessagesAsync(OtherSender, now.AddMinutes(2), now.AddMinutes(3), 10));
        Assert.Equal((OtherSender, 2), (again.ClaimedBy, again.Attempts));
    }

    [Fact]
    public async Task ClaimOutboxMessages_ManyHostsAtOnce_EachMessageGoesToOne()
    {
        await Store.AddOutboxMessagesAsync(Enumerable.Range(0, 120).Select(i => NewMessage($"evt-{i:D3}", T0.AddSeconds(i), "failed")).ToList());
        var now = T0.AddHours(1);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(host => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await Store.ClaimOutboxMessagesAsync($"host-{host}", now, now.AddMinutes(5), 7);
                if (batch.Count == 0)
                {
                    return mine;
                }

                Assert.All(batch, m => Assert.Equal($"host-{host}", m.ClaimedBy));
                mine.AddRange(batch.Select(m => m.Id));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(120, all.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"evt-{i:D3}"), all.Order(StringComparer.Ordinal));
    }

    private static ExportOutboxMessage NewMessage(string id, DateTimeOffset createdAt, string eventType) => new()
    {
        Id = id,
        JobId = "job-1",
        RunId = "run-1",
        EventType = eventType,
        Payload = $$"""{"version":1,"event":"{{eventType}}","id":"{{id}}","error":"Access denied, \"quoted\" ü"}""",
        CreatedAt = createdAt,
    };

    private static void AssertSameMessage(ExportOutboxMessage expected, ExportOutboxMessage actual) =>
        Assert.Equal(
            expected with { CreatedAt = expected.CreatedAt.ToUniversalTime(), ClaimedUntil = expected.ClaimedUntil?.ToUniversalTime() },
            actual with { CreatedAt = actual.CreatedAt.ToUniversalTime(), ClaimedUntil = actual.ClaimedUntil?.ToUniversalTime() });
}
