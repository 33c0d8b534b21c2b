using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;
using Microsoft.Extensions.Options;

namespace ExportJobs.Sample.LocalFolder;

/// <summary>
/// The worked example of a third-party destination, written only against the public contract
/// (<see cref="IExportDestination"/>): copies the export into a folder under <c>Sample:ExportRoot</c>.
/// Config: <c>{ "path": "sub/folder" }</c> (optional; relative to the root, never leaving it).
/// </summary>
/// <remarks>
/// Delivery is atomic as the contract asks: the finished file is moved to a temporary name next to the target
/// (<see cref="ExportDelivery.MoveTo"/>: a rename on the same volume, else a copy) and renamed at the end; a failed or
/// cancelled move removes the temporary file, so no partial export is ever visible.
/// </remarks>
public sealed class LocalFolderDestination(IOptions<SampleOptions> options, IHostEnvironment environment) : IExportDestination
{
    /// <summary>The type name jobs use: <c>"destinationType": "local-folder"</c>.</summary>
    public const string TypeName = "local-folder";

    /// <summary>The root folder, absolute.</summary>
    public string Root => Path.GetFullPath(options.Value.ExportRoot, environment.ContentRootPath);

    /// <inheritdoc/>
    public void Validate(JsonObject config, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, _) in config)
        {
            if (name != "path")
            {
                errors.Add(name, $"Unknown setting '{name}'; local-folder takes only 'path'.");
            }
        }

        if (!config.TryGetPropertyValue("path", out var node) || node is null)
        {
            return;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var path))
        {
            errors.Add("path", "'path' must be a string, for example \"daily/products\".");
            return;
        }

        if (Resolve(path) is null)
        {
            errors.Add("path", $"'{path}' must be a relative folder inside the export root; absolute paths and '..' are not allowed.");
        }
    }

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var folder = Resolve(delivery.Config["path"]?.GetValue<string>() ?? string.Empty)
            ?? throw new ExportDeliveryException("The configured path leaves the export root.");
        var target = Path.GetFullPath(Path.Combine(folder, delivery.FileName));
        if (!IsInside(target, folder))
        {
            throw new ExportDeliveryException($"The file name '{delivery.FileName}' leaves the destination folder.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{delivery.RunId}.partial";
        try
        {
            // The export is a finished local file: hand it over (a rename on the same volume) instead of copying it.
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Run(() => delivery.MoveTo(temp), cancellationToken).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);
            return new DeliveryResult(target);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private string? Resolve(string path)
    {
        var root = Root;
        if (path.Length == 0)
        {
            return root;
        }

        if (Path.IsPathRooted(path) || path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Any(s => s is ".." or "."))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, path));
        return IsInside(full, root) ? full : null;
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || string.Equals(path, Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal);
}
