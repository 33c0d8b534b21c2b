using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace MyDestination;

/// <summary>
/// Delivers export files into a folder: <c>"destinationType": "my-destination"</c>,
/// <c>"destinationConfig": { "folder": "/srv/exports" }</c>. Replace the file calls with your service's.
/// </summary>
/// <remarks>
/// Atomic as the contract asks: the file is written under a temporary name next to the target and renamed at the end;
/// a failed or cancelled delivery deletes the temporary file, so nothing partial is ever visible.
/// </remarks>
public sealed class FolderDestination : IExportDestination
{
    /// <summary>The type name jobs use.</summary>
    public const string TypeName = "my-destination";

    /// <inheritdoc/>
    public void Validate(JsonObject config, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, _) in config)
        {
            if (name != "folder")
            {
                errors.Add(name, $"Unknown setting '{name}'; {TypeName} takes only 'folder'.");
            }
        }

        if (config["folder"] is not JsonValue value || !value.TryGetValue<string>(out var folder))
        {
            errors.Add("folder", "'folder' is required: an absolute folder path, for example \"/srv/exports\".");
        }
        else if (folder.Any(char.IsControl) || !Path.IsPathFullyQualified(folder))
        {
            errors.Add("folder", "'folder' must be an absolute folder path without control characters.");
        }
    }

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var folder = Path.GetFullPath(delivery.Config["folder"]!.GetValue<string>());
        var target = Path.GetFullPath(Path.Combine(folder, delivery.FileName));
        if (!target.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ExportDeliveryException($"The file name '{delivery.FileName}' leaves the folder.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{delivery.RunId}.partial";
        try
        {
            await using (var input = delivery.OpenRead())
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }

            // The publish step is the rename: the library checks right before it that the run may still publish.
            await delivery.BeforePublishAsync(cancellationToken).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);
            return new DeliveryResult(target);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var folder = config["folder"]!.GetValue<string>();
        var probe = Path.Combine(folder, $".probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(probe, "connection test", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return new DestinationTestResult([DestinationCheck.Passed("write", $"Wrote and deleted a probe file in {folder}.")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DestinationTestResult([DestinationCheck.Failed("write", $"Could not write to {folder}: {ex.Message}")]);
        }
    }
}
