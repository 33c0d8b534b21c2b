namespace ExportJobs.Benchmarks.Export;

/// <summary>One timed side of an iteration: records per second (wall clock) and the process's CPU time per record (µs, every thread).</summary>
internal readonly record struct Sample(double Rate, double CpuMicroseconds);
