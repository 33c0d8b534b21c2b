using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using ExportJobs.Model;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The optional body of <c>POST /export-jobs/{id}/trigger</c>, as described in the OpenAPI document.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record ExportTriggerRequest
{
    [Description("The mode of this one run: 'full' exports a 'changes' job in full once (the next changes run counts from it); 'changes' exports only what changed since the newest successful run. Absent or null: the job's own mode. The job itself is not changed.")]
    public ExportMode? Mode { get; init; }
}
