using Xunit.Sdk;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>The destination kit passes a correct destination and fails each broken one: its tests can fail.</summary>
public sealed class DestinationKitTests
{
    [Fact]
    public async Task CorrectDestination_PassesTheKit()
    {
        await RunAsync(new FolderDestination(), "s3cret-password", suite => suite.Deliver_StoresExactlyTheBytesItWasGiven_AndNothingElse());
        await RunAsync(new FolderDestination(), "s3cret-password", suite => suite.Deliver_CancelledWhileReadingTheFile_LeavesNothing());
        await RunAsync(new FolderDestination(), "s3cret-password", suite => suite.Deliver_FailingConfig_ThrowsWithoutASecretAndLeavesNothing());
        await RunAsync(new FolderDestination(), "s3cret-password", suite => suite.Deliver_CancelledAtThePublishStep_LeavesNothing());
        await RunAsync(new FolderDestination(), "s3cret-password", suite => Task.Run(suite.Validate_EachSettingOfTheWrongType_IsReportedUnderItsName));
    }

    [Fact]
    public async Task StagingDestination_PassesTheStagingTests_AndOneThatDoesNotStage_TooWhenItDeclaresSo()
    {
        await RunAsync(new FolderDestination { Stage = true }, "s3cret-password", suite => suite.Staging_IsOfferedExactlyWhenDeclared_AndPublishesTheStagedFilesWithTheirExactBytes(), stages: true);
        await RunAsync(new FolderDestination { Stage = true }, "s3cret-password", suite => suite.Staging_DiscardedFiles_LeaveNothing(), stages: true);
        await RunAsync(new FolderDestination(), "s3cret-password", suite => suite.Staging_IsOfferedExactlyWhenDeclared_AndPublishesTheStagedFilesWithTheirExactBytes());
    }

    [Fact]
    public async Task StreamingDestination_PassesTheStreamingTests_AndOneThatDoesNotStream_TooWhenItDeclaresSo()
    {
        await RunAsync(new FolderDestination { Stream = true }, "s3cret-password", suite => suite.Streaming_IsOfferedExactlyWhenDeclared_AndStoresExactlyTheBytesFed(), streams: true);
        await RunAsync(new FolderDestination { Stream = true }, "s3cret-password", suite => suite.Streaming_ExportFailsHalfWay_ThrowsAndLeavesNothing(), streams: true);
        await RunAsync(new FolderDestination { Stream = true }, "s3cret-password", suite => suite.Streaming_CancelledHalfWay_ThrowsOperationCanceledAndLeavesNothing(), streams: true);
        await RunAsync(new FolderDestination { Stream = true }, "s3cret-password", suite => suite.Streaming_CancelledAtThePublishStep_LeavesNothing(), streams: true);
        await RunAsync(new FolderDestination(), "s3cret-password", suite => suite.Streaming_IsOfferedExactlyWhenDeclared_AndStoresExactlyTheBytesFed());
    }

    [Fact]
    public async Task StreamingThatIsNotDeclared_OrWritesInPlace_OrSkipsThePublishCheck_FailsTheStreamingTests()
    {
        await AssertFailsAsync(new FolderDestination { Stream = true }, suite => suite.Streaming_IsOfferedExactlyWhenDeclared_AndStoresExactlyTheBytesFed());
        await AssertFailsAsync(new FolderDestination(), suite => suite.Streaming_IsOfferedExactlyWhenDeclared_AndStoresExactlyTheBytesFed(), streams: true);
        await AssertFailsAsync(new FolderDestination { Stream = true, WriteInPlace = true }, suite => suite.Streaming_ExportFailsHalfWay_ThrowsAndLeavesNothing(), streams: true);
        await AssertFailsAsync(new FolderDestination { Stream = true, WriteInPlace = true }, suite => suite.Streaming_CancelledHalfWay_ThrowsOperationCanceledAndLeavesNothing(), streams: true);
        await AssertFailsAsync(new FolderDestination { Stream = true, SkipPublishCheck = true }, suite => suite.Streaming_CancelledAtThePublishStep_LeavesNothing(), streams: true);
    }

    [Fact]
    public async Task StagingThatIsNotDeclared_OrDeclaredButMissing_OrADiscardThatKeepsTheFile_FailTheStagingTests()
    {
        await AssertFailsAsync(new FolderDestination { Stage = true }, suite => suite.Staging_IsOfferedExactlyWhenDeclared_AndPublishesTheStagedFilesWithTheirExactBytes());
        await AssertFailsAsync(new FolderDestination(), suite => suite.Staging_DiscardedFiles_LeaveNothing(), stages: true);
        await AssertFailsAsync(new FolderDestination { Stage = true, KeepDiscarded = true }, suite => suite.Staging_DiscardedFiles_LeaveNothing(), stages: true);
    }

    [Fact]
    public async Task WritingInPlace_FailsTheCancelAndFailureTests()
    {
        await AssertFailsAsync(new FolderDestination { WriteInPlace = true }, suite => suite.Deliver_CancelledWhileReadingTheFile_LeavesNothing());
        await AssertFailsAsync(new FolderDestination { WriteInPlace = true }, suite => suite.Deliver_FailingWhileReadingTheFile_ThrowsAndLeavesNothing());
    }

    [Fact]
    public async Task SkippingThePublishCheck_FailsThePublishTest()
    {
        await AssertFailsAsync(new FolderDestination { SkipPublishCheck = true }, suite => suite.Deliver_CancelledAtThePublishStep_LeavesNothing());
    }

    [Fact]
    public async Task ASecretInTheError_FailsTheSecretTests()
    {
        await AssertFailsAsync(new FolderDestination { LeakSecret = true }, suite => suite.Deliver_FailingConfig_ThrowsWithoutASecretAndLeavesNothing());
        await AssertFailsAsync(new FolderDestination { LeakSecret = true }, suite => suite.TestConnection_FailingConfig_ReportsAFailedCheckWithoutThrowingOrASecret());
    }

    [Fact]
    public async Task ThrowingInValidate_FailsTheValidationTest()
    {
        await AssertFailsAsync(new FolderDestination { ThrowInValidate = true }, suite => Task.Run(suite.Validate_EachSettingOfTheWrongType_IsReportedUnderItsName), expectAssertion: false);
    }

    private static async Task RunAsync(FolderDestination destination, string secret, Func<FolderSuite, Task> test, bool stages = false, bool streams = false)
    {
        var suite = new FolderSuite(destination, secret, stages, streams);
        await suite.InitializeAsync();
        try
        {
            await test(suite);
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    private static async Task AssertFailsAsync(FolderDestination destination, Func<FolderSuite, Task> test, bool expectAssertion = true, bool stages = false, bool streams = false)
    {
        var failure = await Record.ExceptionAsync(() => RunAsync(destination, "s3cret-password", test, stages, streams));

        Assert.NotNull(failure);
        if (expectAssertion)
        {
            Assert.IsAssignableFrom<XunitException>(failure);
        }
    }
}
