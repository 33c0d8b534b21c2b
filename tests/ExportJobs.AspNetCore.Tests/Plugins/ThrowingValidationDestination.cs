using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.AspNetCore.Tests.Plugins;

/// <summary>
/// A careless third-party destination: its <see cref="Validate"/> throws (with its secret in the message) when
/// <c>explode</c> is true, instead of reporting an error.
/// </summary>
internal sealed class ThrowingValidationDestination : IExportDestination
{
    public const string TypeName = "careless";

    public IReadOnlyCollection<string> SecretSettings => ["token"];

    public void Validate(JsonObject config, ValidationErrors errors)
    {
        if (config["explode"]?.GetValue<bool>() == true)
        {
            throw new ArgumentException($"Illegal characters in path (token {config["token"]?.GetValue<string>()}).");
        }
    }

    public Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(new DeliveryResult("nowhere"));
}
