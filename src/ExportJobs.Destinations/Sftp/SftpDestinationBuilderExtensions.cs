using ExportJobs.Destinations.Sftp;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <c>sftp</c> destination.</summary>
public static class SftpDestinationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>sftp</c> destination. Its settings are <c>host</c> and <c>username</c> (required), <c>port</c> (22),
    /// <c>password</c> or <c>privateKey</c> (OpenSSH or PEM, + <c>passphrase</c>), <c>path</c> and <c>hostKeyFingerprint</c>
    /// (<c>SHA256:…</c> as <c>ssh-keygen -lf</c> prints it; without it the connection is refused, naming the key the server presented, unless the host sets <see cref="SftpDestinationOptions.TrustAnyHostKey"/>).
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="configure">Sets host-wide options.</param>
    public static IExportJobsBuilder AddSftpDestination(this IExportJobsBuilder builder, Action<SftpDestinationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SftpDestinationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<ISftpClientFactory, SftpClientFactory>();
        return builder.AddDestination<SftpDestination>(SftpDestination.TypeName);
    }
}
