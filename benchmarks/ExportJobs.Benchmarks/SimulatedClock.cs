namespace ExportJobs.Benchmarks;

/// <summary>A clock whose "now" the simulation sets, while durations (<see cref="TimeProvider.GetTimestamp"/>) stay real.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
