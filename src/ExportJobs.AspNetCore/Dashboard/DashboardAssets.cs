using System.Collections.Frozen;
using System.Security.Cryptography;

namespace ExportJobs.AspNetCore.Dashboard;

/// <summary>
/// The dashboard's files, embedded in the assembly (no CDN, nothing fetched at run time), read once: the page, its style
/// sheet and its ES modules (app.js imports the others). A file added to Assets/ is served only once it is listed here.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "ExportJobs.Dashboard.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["api.js"] = "text/javascript; charset=utf-8",
        ["ui.js"] = "text/javascript; charset=utf-8",
        ["actions.js"] = "text/javascript; charset=utf-8",
        ["list.js"] = "text/javascript; charset=utf-8",
        ["job.js"] = "text/javascript; charset=utf-8",
        ["chart.js"] = "text/javascript; charset=utf-8",
        ["run.js"] = "text/javascript; charset=utf-8",
        ["progress.js"] = "text/javascript; charset=utf-8",
        ["form.js"] = "text/javascript; charset=utf-8",
        ["fields.js"] = "text/javascript; charset=utf-8",
        ["settings.js"] = "text/javascript; charset=utf-8",
        ["dialog.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, DashboardAsset> _assets;

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> assets) => _assets = assets;

    public static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var (name, contentType) in ContentTypes)
        {
            using var stream = assembly.GetManifestResourceStream(Prefix + name)
                ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in {assembly.GetName().Name}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            assets[name] = new DashboardAsset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        }

        return new DashboardAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public DashboardAsset? Find(string name) => _assets.GetValueOrDefault(name);
}
