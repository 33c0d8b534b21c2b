using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Contracts;

/// <summary>The body of a test-connection request, as described in the OpenAPI document (read field by field by the handler).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Used as a type in OpenAPI metadata, never instantiated.")]
internal sealed record DestinationTestRequest
{
    [Description("A registered destination type.")]
    public required string DestinationType { get; init; }

    [Description("The destination's settings; masked secrets are taken from the stored job when testing a saved job.")]
    public required JsonObject DestinationConfig { get; init; }
}
