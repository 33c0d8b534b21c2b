namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// One timed side of an iteration: records per second (wall clock), the process's CPU time per record (µs, every
/// thread) and the bytes of output (the raw side's count; the full side's file size).
/// </summary>
internal readonly record struct Sample(double Rate, double CpuMicroseconds, long Bytes);
