using Microsoft.Playwright;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>Playwright driving Debian's chromium, headless, for the dashboard's browser tests; and where their screenshots go.</summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private const string Executable = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>How long a browser expectation waits for its condition.</summary>
    public static float Timeout => 30_000;

    public IBrowser Browser { get; }

    /// <summary>Starts chromium; fails with how to install it when it is missing.</summary>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"The dashboard browser test needs Debian's chromium at {Executable}. Install it with 'bash .ci/install-chromium.sh' (apt-get install -y chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            return new HeadlessChromium(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] }));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>The path of a screenshot kept in the test output's TestResults folder.</summary>
    public static string ArtifactPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
