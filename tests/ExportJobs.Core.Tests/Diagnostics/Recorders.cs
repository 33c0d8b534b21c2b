using ExportJobs.Diagnostics;
using ExportJobs.Testing;

namespace ExportJobs.Core.Tests.Diagnostics;

/// <summary>Records what one (internal) <see cref="ExportJobsTelemetry"/> instance reports.</summary>
internal static class Recorders
{
    public static TelemetryRecorder For(ExportJobsTelemetry telemetry) => new(telemetry.Meter, telemetry.ActivitySource);
}
