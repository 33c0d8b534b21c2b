namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers all standard destinations at once.</summary>
public static class StandardDestinationsBuilderExtensions
{
    /// <summary>Adds the <c>s3</c>, <c>azure-blob</c>, <c>sftp</c> and <c>webhook</c> destinations with default options.</summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <remarks>Safe to combine with the single <c>Add…Destination(o => ...)</c> calls: options callbacks accumulate, registrations are kept once.</remarks>
    public static IExportJobsBuilder AddStandardDestinations(this IExportJobsBuilder builder) =>
        builder.AddS3Destination().AddAzureBlobDestination().AddSftpDestination().AddWebhookDestination();
}
