using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Testing;

/// <summary>
/// A destination for tests: requires a string <c>path</c>, has a secret <c>token</c> (and <c>password</c>) bound to an
/// optional <c>endpoint</c>, and keeps
/// every delivered file's bytes in memory so tests can check them.
/// </summary>
public sealed class RecordingDestination : IExportDestination
{
    /// <summary>The type name tests register it under.</summary>
    public const string TypeName = "recording";

    /// <summary>Delivered files by <c>path/fileName</c>.</summary>
    public ConcurrentDictionary<string, byte[]> Delivered { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IReadOnlyCollection<string> SecretSettings { get; } = ["token", "password"];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EndpointSettings { get; } = ["endpoint"];

    /// <inheritdoc/>
    public void Validate(JsonObject config, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        if (config["path"] is not JsonValue path || !path.TryGetValue<string>(out var value) || string.IsNullOrWhiteSpace(value))
        {
            errors.Add("path", "'path' is required: the folder to deliver to.");
        }
    }

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var target = $"{delivery.Config["path"]!.GetValue<string>()}/{delivery.FileName}";
        await using var source = delivery.OpenRead();
        using var copy = new MemoryStream();
        await source.CopyToAsync(copy, cancellationToken);
        Delivered[target] = copy.ToArray();
        return new DeliveryResult($"recording://{target}");
    }
}
