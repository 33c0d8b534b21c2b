namespace ExportJobs.Destinations.AzureBlob;

/// <summary>The <c>destinationConfig</c> of an <c>azure-blob</c> job, read and checked by <see cref="AzureBlobDestinationSettingsValidator"/>.</summary>
internal sealed record AzureBlobDestinationSettings
{
    public const int DefaultBlockSizeMb = 8;

    public const int DefaultMaxConcurrency = 4;

    public const int MaxMaxConcurrency = 16;

    public required string Container { get; init; }

    public string? Path { get; init; }

    public string? ConnectionString { get; init; }

    public Uri? AccountUrl { get; init; }

    public string? SasToken { get; init; }

    public int BlockSizeMb { get; init; } = DefaultBlockSizeMb;

    /// <summary>Blocks staged at once.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <summary>Identifies the client these settings need (endpoint and credentials) without revealing them.</summary>
    public string ClientKey => Common.ClientKey.Of(ConnectionString, AccountUrl?.ToString(), SasToken);
}
