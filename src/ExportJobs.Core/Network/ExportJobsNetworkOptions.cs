namespace ExportJobs.Network;

/// <summary>
/// Which addresses the library may connect to for jobs (destinations, connection tests, notifications), beyond the public
/// internet. Bound from the <c>ExportJobs:Network</c> configuration section, then from
/// <c>AddExportJobs().ConfigureNetwork(o => ...)</c>.
/// </summary>
/// <remarks>
/// Job owners choose where a job connects. Without a policy, anyone allowed to create jobs could make the host probe or
/// reach its own network (server-side request forgery) through deliveries and connection tests. So by default every such
/// connection is refused when the address, after DNS and for every address a name resolves to, is loopback, private,
/// link-local, shared (CGNAT), any other non-global IANA special-purpose range, multicast, broadcast, or one of this
/// machine's own interface addresses. Entries here allow what the host needs, e.g. an internal MinIO or a local receiver.
/// Environment form: <c>ExportJobs__Network__Allow__0=10.20.0.0/16</c>,
/// <c>ExportJobs__Network__Destinations__webhook__Allow__0=hooks.internal</c>.
/// </remarks>
public sealed class ExportJobsNetworkOptions
{
    /// <summary>The configuration section these options bind from: <c>ExportJobs:Network</c>.</summary>
    public const string SectionName = "ExportJobs:Network";

    /// <summary>
    /// Allowed for every connection type: CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>), single IP addresses, or host
    /// names (<c>minio.internal</c>: every address that name resolves to is allowed; matched exactly, case-insensitively).
    /// </summary>
    public IList<string> Allow { get; } = [];

    /// <summary>
    /// Allowed for one destination type only (the key: <c>s3</c>, <c>azure-blob</c>, <c>sftp</c>, <c>webhook</c> or a plugin's
    /// type name), in addition to <see cref="Allow"/>. Keys are case-insensitive.
    /// </summary>
    public IDictionary<string, ExportJobsNetworkTypeOptions> Destinations { get; } =
        new Dictionary<string, ExportJobsNetworkTypeOptions>(StringComparer.OrdinalIgnoreCase);
}
