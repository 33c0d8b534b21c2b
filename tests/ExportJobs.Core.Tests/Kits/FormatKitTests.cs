using Xunit.Sdk;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>The format kit passes a correct format and fails each broken one: its tests can fail.</summary>
public sealed class FormatKitTests
{
    [Fact]
    public async Task CorrectFormat_PassesTheKit()
    {
        var suite = new LinesSuite(new LinesFormat());

        await suite.AwkwardValues_ComeBackThroughTheReader();
        await suite.NoRecords_ReadsBackAsNoRecords();
        await suite.ManyRecords_BytesReachTheOutputBeforeTheEnd();
        await suite.CancelledToken_StopsTheExportWithOperationCanceled();
        suite.ContentType_IsAMediaType();
    }

    [Fact]
    public async Task BufferingEverything_FailsTheStreamingTest() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => new LinesSuite(new LinesFormat { BufferEverything = true }).ManyRecords_BytesReachTheOutputBeforeTheEnd());

    [Fact]
    public async Task IgnoringCancellation_FailsTheCancellationTest() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => new LinesSuite(new LinesFormat { IgnoreCancellation = true }).CancelledToken_StopsTheExportWithOperationCanceled());

    [Fact]
    public async Task ClosingTheOutput_FailsTheRoundTrip() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => new LinesSuite(new LinesFormat { CloseOutput = true }).AwkwardValues_ComeBackThroughTheReader());

    [Fact]
    public async Task ChangingAValue_FailsTheRoundTrip() =>
        await Assert.ThrowsAnyAsync<XunitException>(() => new LinesSuite(new LinesFormat { DropLineBreaks = true }).AwkwardValues_ComeBackThroughTheReader());
}
