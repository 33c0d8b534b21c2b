namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>A scheduler under test, started with its jobs.</summary>
internal interface IContender : IAsyncDisposable
{
    string Name { get; }
}
