using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Registration;

namespace ExportJobs.Secrets;

/// <summary>Which settings of a job's <c>destinationConfig</c> are secret: the one rule every masking, scrubbing and listing path uses.</summary>
internal static class DestinationSecretSettings
{
    /// <summary>
    /// The destination type's <see cref="IExportDestination.SecretSettings"/>; for a type this host does not know (a plugin
    /// removed since the job was saved) every setting of <paramref name="config"/>, since nothing says which are secret.
    /// </summary>
    public static IReadOnlyCollection<string> Of(ExportComponentRegistry<IExportDestination> destinations, string destinationType, JsonObject config) =>
        destinations.Find(destinationType)?.SecretSettings ?? [.. config.Select(p => p.Key)];
}
