using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Scheduling;

/// <summary>A destination that accepts any settings; scheduler tests never deliver (the fake dispatcher runs nothing).</summary>
internal sealed class NullDestination : IExportDestination
{
    public void Validate(JsonObject config, ValidationErrors errors)
    {
    }

    public Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult("null://" + delivery.FileName));
}
