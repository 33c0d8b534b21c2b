using Azure.Core;

namespace ExportJobs.Destinations.Tests.AzureBlob;

/// <summary>
/// A TokenCredential a host could register, for validation tests only: it tells the azure-blob destination that
/// 'accountUrl' alone may sign in. (Azurite accepts bearer tokens only over HTTPS, so no test delivers with it.)
/// </summary>
internal sealed class FixedTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("test-token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
