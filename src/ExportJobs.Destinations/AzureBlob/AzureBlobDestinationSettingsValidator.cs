using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ExportJobs.Destinations.Common;
using ExportJobs.Network;
using ExportJobs.Validation;

namespace ExportJobs.Destinations.AzureBlob;

/// <summary>Reads an <c>azure-blob</c> <c>destinationConfig</c> and reports every problem at once.</summary>
internal static class AzureBlobDestinationSettingsValidator
{
    public static readonly string[] Known = ["container", "path", "connectionString", "accountUrl", "sasToken", "blockSizeMb", "maxConcurrency"];

    public static readonly string[] Secrets = ["connectionString", "sasToken"];

    /// <param name="config">The job's destinationConfig.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="tokenCredentialRegistered">Whether the host registered a TokenCredential, which 'accountUrl' alone needs.</param>
    /// <param name="network">Checks the endpoint's host.</param>
    public static AzureBlobDestinationSettings? Read(JsonObject config, ValidationErrors errors, bool tokenCredentialRegistered, OutboundAddressPolicy network)
    {
        var before = errors.ToDictionary().Count;
        JsonSettings.RejectUnknown(config, Known, errors);
        var container = JsonSettings.String(config, "container", errors, required: true);
        if (container is not null && (container.Length is < 3 or > 63 || container.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) || container.Contains("--", StringComparison.Ordinal) || container[0] == '-' || container[^1] == '-'))
        {
            errors.Add("container", "'container' must be a container name: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.");
        }

        var path = JsonSettings.String(config, "path", errors);
        if (ObjectPath.Problem(path) is { } pathProblem)
        {
            errors.Add("path", $"'path' {pathProblem}");
        }

        var connectionString = JsonSettings.String(config, "connectionString", errors);
        var connectionEndpoint = connectionString is null ? null : BlobEndpoint(connectionString);
        if (connectionString is not null && connectionEndpoint is null)
        {
            errors.Add("connectionString", "'connectionString' is not a valid Azure Storage connection string (e.g. DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net).");
        }
        else if (connectionEndpoint is not null && network.CheckHost(AzureBlobDestination.TypeName, connectionEndpoint.DnsSafeHost, "connectionString") is { } refused)
        {
            errors.Add("connectionString", refused.Replace("'connectionString' points", "The blob endpoint of 'connectionString' points", StringComparison.Ordinal));
        }

        var accountUrlText = JsonSettings.String(config, "accountUrl", errors);
        Uri? accountUrl = null;
        if (accountUrlText is not null && (!Uri.TryCreate(accountUrlText, UriKind.Absolute, out accountUrl) || accountUrl.Scheme is not ("http" or "https") || accountUrl.Query.Length > 0 || accountUrl.UserInfo.Length > 0))
        {
            errors.Add("accountUrl", "'accountUrl' must be the account's blob endpoint, e.g. https://myaccount.blob.core.windows.net, without a query (put a SAS token in 'sasToken').");
        }
        else if (accountUrl is not null && network.CheckHost(AzureBlobDestination.TypeName, accountUrl.DnsSafeHost, "accountUrl") is { } refused)
        {
            errors.Add("accountUrl", refused);
        }

        var sasToken = JsonSettings.String(config, "sasToken", errors);
        if (connectionString is null && accountUrlText is null && !errors.Has("connectionString") && !errors.Has("accountUrl"))
        {
            errors.Add("connectionString", "Set 'connectionString', or 'accountUrl' (with 'sasToken', or alone when the host registers a TokenCredential).");
        }
        else if (connectionString is not null && accountUrlText is not null)
        {
            errors.Add("accountUrl", "Set either 'connectionString' or 'accountUrl', not both.");
        }

        if (sasToken is not null && accountUrlText is null)
        {
            errors.Add("sasToken", "'sasToken' needs 'accountUrl'.");
        }
        else if (sasToken is null && accountUrlText is not null && connectionString is null && !tokenCredentialRegistered)
        {
            errors.Add("sasToken", "'accountUrl' without 'sasToken' signs in with the host's TokenCredential, and this host registers none: set 'sasToken', or use 'connectionString'.");
        }

        var settings = new AzureBlobDestinationSettings
        {
            Container = container ?? string.Empty,
            Path = path,
            ConnectionString = connectionString,
            AccountUrl = accountUrl,
            SasToken = sasToken?.TrimStart('?'),
            BlockSizeMb = JsonSettings.Int(config, "blockSizeMb", errors, 1, 4000) ?? AzureBlobDestinationSettings.DefaultBlockSizeMb,
            MaxConcurrency = JsonSettings.Int(config, "maxConcurrency", errors, 1, AzureBlobDestinationSettings.MaxMaxConcurrency) ?? AzureBlobDestinationSettings.DefaultMaxConcurrency,
        };
        return errors.ToDictionary().Count == before ? settings : null;
    }

    /// <summary>The blob endpoint a connection string names, or <see langword="null"/> when it is not a connection string.</summary>
    private static Uri? BlobEndpoint(string value)
    {
        try
        {
            return new BlobServiceClient(value).Uri;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
