using ExportJobs.Core.Tests.Support;

namespace ExportJobs.Core.Tests.Running;

/// <summary>Stopping the dispatcher after its container disposed it: what a host torn down while it stops does.</summary>
public sealed class ExportRunDispatcherStopTests
{
    [Fact]
    public async Task Stop_AfterDispose_ReturnsWithoutThrowing()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var dispatcher = harness.ConcreteDispatcher;

        dispatcher.Dispose();

        // Before the fix: ObjectDisposedException from the disposed stopping token source (seen as a flaky host teardown).
        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        dispatcher.Dispose();
    }
}
