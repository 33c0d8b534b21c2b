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
/// <para>
/// Never leaving the root holds for links too: a path or file name with a control character is refused, and so is any
/// folder or file below the root that is a symbolic link (or junction), checked when the settings are validated and
/// again right before and after the folder is created at delivery. Comparing path strings alone is not enough: a link
/// inside the root (<c>root/out -> /etc</c>) carries a string-wise "inside" path anywhere. The root itself may be a link;
/// the host chose it. Someone who can create links inside the root between that check and the move could still race
/// it; keep the root writable only by the host.
/// </para>
/// <para>
/// Delivery is atomic as the contract asks: the finished file is moved to a temporary name next to the target
/// (<see cref="ExportDelivery.MoveTo"/>: a rename on the same volume, else a copy) and renamed at the end; a failed or
/// cancelled move removes the temporary file, so no partial export is ever visible.
/// </para>
/// </remarks>
public sealed class LocalFolderDestination(IOptions<SampleOptions> options, IHostEnvironment environment) : IExportDestination
{
    /// <summary>The type name jobs use: <c>"destinationType": "local-folder"</c>.</summary>
    public const string TypeName = "local-folder";

    /// <summary>The root folder, absolute.</summary>
    public string Root => Path.GetFullPath(options.Value.ExportRoot, environment.ContentRootPath);

    /// <summary>The settings form of the dashboard (destination contract v2): the one optional <c>path</c>.</summary>
    private static readonly JsonObject Schema = new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["type"] = "object",
        ["title"] = "Local folder (sample)",
        ["properties"] = new JsonObject
        {
            ["path"] = new JsonObject
            {
                ["type"] = "string",
                ["title"] = "Folder",
                ["description"] = "A relative folder inside the export root, e.g. daily/products; empty for the root itself.",
            },
        },
        ["additionalProperties"] = false,
    };

    /// <inheritdoc/>
    public JsonObject? SettingsSchema => Schema;

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

        if (path.Any(char.IsControl))
        {
            errors.Add("path", "'path' must not contain control characters (such as NUL or a line break).");
            return;
        }

        if (Resolve(path) is not { } folder)
        {
            errors.Add("path", $"'{path}' must be a relative folder inside the export root; absolute paths and '..' are not allowed.");
        }
        else if (FindLink(folder) is { } link)
        {
            errors.Add("path", $"'{path}' goes through '{Path.GetRelativePath(Root, link)}', a symbolic link inside the export root; links could lead outside it, so they are not followed.");
        }
    }

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var folder = Resolve(delivery.Config["path"]?.GetValue<string>() ?? string.Empty)
            ?? throw new ExportDeliveryException("The configured path leaves the export root.");
        if (delivery.FileName.Any(char.IsControl))
        {
            throw new ExportDeliveryException("The file name contains a control character.");
        }

        var target = Path.GetFullPath(Path.Combine(folder, delivery.FileName));
        if (!IsInside(target, folder))
        {
            throw new ExportDeliveryException($"The file name '{delivery.FileName}' leaves the destination folder.");
        }

        // Before creating folders (CreateDirectory follows links) and again after (a folder may have been swapped for one).
        EnsureNoLink(target);
        EnsureNoFileInTheWay(Path.GetDirectoryName(target)!);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        EnsureNoLink(target);
        var temp = $"{target}.{delivery.RunId}.partial";
        try
        {
            // The export is a finished local file: hand it over (a rename on the same volume) instead of copying it.
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Run(() => delivery.MoveTo(temp), cancellationToken).ConfigureAwait(false);
            await HoldAsync(delivery.RunId, cancellationToken).ConfigureAwait(false);
            // The publish step is the rename: the library checks right before it that this host still owns the run.
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

    /// <summary>
    /// Checks that the folder is inside the root and writable: creates it (as a delivery would), writes a probe file
    /// there and deletes it. Failures are reported as failed checks, never thrown.
    /// </summary>
    /// <param name="config">Settings that passed <see cref="Validate"/>.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var path = config["path"]?.GetValue<string>() ?? string.Empty;
        if (Resolve(path) is not { } folder)
        {
            return new DestinationTestResult([DestinationCheck.Failed("folder", $"'{path}' is not a relative folder inside the export root.")]);
        }

        if (FindLink(folder) is { } link)
        {
            return new DestinationTestResult([DestinationCheck.Failed("folder", $"'{Path.GetRelativePath(Root, link)}' inside the export root is a symbolic link, which is not followed.")]);
        }

        var shown = path.Length == 0 ? "the export root" : $"'{path}'";
        var found = DestinationCheck.Passed("folder", $"{shown} is inside the export root.");
        var probe = Path.Combine(folder, $".exportjobs-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(probe, "ExportJobs connection test", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return new DestinationTestResult([found, DestinationCheck.Passed("write", $"Wrote and deleted a probe file in {shown}.")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            return new DestinationTestResult([found, DestinationCheck.Failed("write", $"Could not write to {shown}: {ex.Message} Check that it is a folder the host may write to.")]);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: a probe that cannot be deleted was most likely never written.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>The <see cref="SampleOptions.HoldBeforePublish"/> seam: waits for <c>{runId}.release</c> (or <c>release-all</c>) when configured.</summary>
    private async Task HoldAsync(string runId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.HoldBeforePublish))
        {
            return;
        }

        var folder = Path.GetFullPath(options.Value.HoldBeforePublish, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, runId + ".held"), runId, cancellationToken).ConfigureAwait(false);
        var release = Path.Combine(folder, runId + ".release");
        var releaseAll = Path.Combine(folder, "release-all");
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!File.Exists(release) && !File.Exists(releaseAll))
        {
            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>The first existing folder or file between the root (exclusive) and <paramref name="path"/> (inclusive) that is a link, or <see langword="null"/>.</summary>
    private string? FindLink(string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Root);
        var current = root;
        foreach (var segment in Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            current = Path.Combine(current, segment);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!entry.Exists && !IsDanglingLink(entry))
            {
                return null; // Nothing further down exists yet: it will be created as plain folders.
            }

            if (entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsDanglingLink(FileSystemInfo entry)
    {
        try
        {
            return entry.LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void EnsureNoLink(string target)
    {
        if (FindLink(target) is { } link)
        {
            throw new ExportDeliveryException($"'{Path.GetRelativePath(Root, link)}' inside the export root is a symbolic link; links could lead outside the root, so the export is not written through it.");
        }
    }

    /// <summary>Refuses, with what to do, when a file stands where a folder of <paramref name="folder"/> (below the root) should be.</summary>
    private void EnsureNoFileInTheWay(string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Root);
        var current = root;
        foreach (var segment in Path.GetRelativePath(root, folder).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            current = Path.Combine(current, segment);
            if (File.Exists(current))
            {
                throw new ExportDeliveryException($"The destination refuses the export: '{Path.GetRelativePath(root, current)}' inside the export root is a file, not a folder, so '{Path.GetRelativePath(root, folder)}' cannot be created. Remove that file or choose another path.");
            }

            if (!Directory.Exists(current))
            {
                return;
            }
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || string.Equals(path, Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal);
}
