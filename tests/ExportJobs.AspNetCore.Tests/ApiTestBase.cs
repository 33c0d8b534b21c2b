namespace ExportJobs.AspNetCore.Tests;

/// <summary>Starts a fresh <see cref="ApiHost"/> for every test.</summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    protected ApiHost Host { get; private set; } = null!;

    protected HttpClient Client => Host.Client;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
