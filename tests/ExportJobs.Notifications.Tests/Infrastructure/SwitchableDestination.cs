using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Notifications.Tests.Infrastructure;

/// <summary>A destination that fails with <see cref="Failure"/> while it is set, else takes the file (and keeps nothing).</summary>
public sealed class SwitchableDestination : IExportDestination
{
    public const string TypeName = "switchable";

    private volatile string? _failure;

    public string? Failure
    {
        get => _failure;
        set => _failure = value;
    }

    public IReadOnlyCollection<string> SecretSettings { get; } = ["token"];

    public IReadOnlyCollection<string> EndpointSettings { get; } = [];

    public void Validate(JsonObject config, ValidationErrors errors)
    {
    }

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        await using (var file = delivery.OpenRead())
        {
            await file.CopyToAsync(Stream.Null, cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw new ExportDeliveryException(failure);
        }

        return new DeliveryResult($"switchable://exports/{delivery.FileName}");
    }
}
