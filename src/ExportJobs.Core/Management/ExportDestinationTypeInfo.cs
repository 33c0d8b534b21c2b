using System.Text.Json.Nodes;

namespace ExportJobs.Management;

/// <summary>A destination type registered in this host, as <c>GET /export-jobs/destination-types</c> lists it.</summary>
/// <param name="Name">The type name jobs use as <c>destinationType</c>.</param>
/// <param name="SettingsSchema">
/// Its settings schema (<see cref="Extensibility.IExportDestination.SettingsSchema"/>, secrets marked <c>writeOnly</c>), or
/// <see langword="null"/> when it declares none (or one outside the subset): edit its settings as JSON then.
/// </param>
/// <param name="SecretSettings">The settings masked in responses and kept when the mask is sent back.</param>
/// <param name="EndpointSettings">The settings whose change requires the secrets to be sent again.</param>
public sealed record ExportDestinationTypeInfo(string Name, JsonObject? SettingsSchema, IReadOnlyCollection<string> SecretSettings, IReadOnlyCollection<string> EndpointSettings);
