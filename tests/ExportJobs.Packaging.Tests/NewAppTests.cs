using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExportJobs.Testing.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Packaging.Tests;

/// <summary>
/// A brand-new ASP.NET Core app outside the repository (<c>dotnet new web</c>) with this run's packages, whose code is
/// the README's: every C# block marked <c>&lt;!-- compiled: File.cs --&gt;</c> in README.md and the packages' READMEs
/// is written into it as it is (the root README's is its Program.cs). It must restore, build without a warning, start,
/// and run an export end to end to a webhook receiver on loopback.
/// </summary>
[Collection(PackedPackagesGroup.Name)]
public sealed partial class NewAppTests(PackedPackages packages)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task NewApp_WithTheReadmeCode_RestoresBuildsAndExports()
    {
        var root = packages.NewFolder("newapp");
        var environment = packages.Environment(root);
        packages.WriteNuGetConfig(root);
        await DotNet.RunCheckedAsync(root, ["new", "web", "-n", "NewApp", "-o", "NewApp", "--no-restore"], environment, Bound);
        var app = Path.Combine(root, "NewApp");
        AddPackages(Path.Combine(app, "NewApp.csproj"), packages.Version);
        var blocks = ReadmeBlocks();
        Assert.Contains("Program.cs", blocks.Keys);
        foreach (var (file, code) in blocks)
        {
            await File.WriteAllTextAsync(Path.Combine(app, file), code);
        }

        await File.WriteAllTextAsync(Path.Combine(app, "TestSignIn.cs"), TestSignIn);

        await DotNet.RunCheckedAsync(app, ["build", "-c", "Release", "-nologo", "-warnaserror"], environment, Bound);

        await using var receiver = await Receiver.StartAsync();
        await using var host = await AppProcess.StartAsync(app, root);
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/export-jobs")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Test-User", "alice");
        var created = await client.PostAsJsonAsync("/export-jobs", new JsonObject
        {
            ["name"] = "Products to a receiver",
            ["destinationType"] = "webhook",
            ["destinationConfig"] = new JsonObject { ["url"] = receiver.Url },
            ["format"] = "csv",
            ["schedule"] = "0 2 * * *",
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var jobId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var triggered = await client.PostAsync($"/export-jobs/{jobId}/trigger", null);
        Assert.True(triggered.IsSuccessStatusCode, await triggered.Content.ReadAsStringAsync());
        var run = await WaitForRunAsync(client, triggered.Headers.Location!);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        Assert.Equal(3, run["recordCount"]!.GetValue<int>());
        var body = Assert.Single(receiver.Bodies);
        Assert.Equal("id,schemaId,parentId,catalogIds,updatedAt,name,price", body.Split("\r\n")[0]);
        Assert.Contains("sku-2,product,,[],2026-11-30T08:00:00.0000000+00:00,Product 2,19.98", body, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> WaitForRunAsync(HttpClient client, Uri run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var current = (await client.GetFromJsonAsync<JsonObject>(run))!;
            if (current["status"]!.GetValue<string>() != "running")
            {
                return current;
            }

            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 60 s: " + current.ToJsonString());
            await Task.Delay(100);
        }
    }

    private static void AddPackages(string project, string version)
    {
        var text = File.ReadAllText(project);
        var references = string.Concat(new[] { "ExportJobs.AspNetCore", "ExportJobs.Storage.LiteDb", "ExportJobs.Destinations" }
            .Select(id => $"    <PackageReference Include=\"{id}\" Version=\"{version}\" />\n"));
        File.WriteAllText(project, text.Replace("</Project>", $"  <ItemGroup>\n{references}  </ItemGroup>\n</Project>", StringComparison.Ordinal));
    }

    /// <summary>Every C# block marked to be compiled, by file name, from the root README and the packages' READMEs.</summary>
    private static Dictionary<string, string> ReadmeBlocks()
    {
        var readmes = new[] { Path.Combine(RepositoryPaths.Root, "README.md") }
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "src")).Select(d => Path.Combine(d, "README.md")).Where(File.Exists));
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var readme in readmes)
        {
            foreach (Match match in CompiledBlock().Matches(File.ReadAllText(readme)))
            {
                blocks.Add(match.Groups[1].Value, match.Groups[2].Value);
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"<!-- compiled: ([A-Za-z0-9.]+\.cs) -->\r?\n```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CompiledBlock();

    // Signs a request in when it names a user in X-Test-User: the "your app's sign-in" of the README's Program.cs,
    // added through a hosting startup so the README's code stays exactly as written.
    private const string TestSignIn = """
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.Extensions.Options;

        [assembly: HostingStartup(typeof(NewApp.TestSignIn))]

        namespace NewApp;

        public sealed class TestSignIn : IHostingStartup
        {
            public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
                services.AddAuthentication("Test").AddScheme<AuthenticationSchemeOptions, TestSignInHandler>("Test", null));
        }

        public sealed class TestSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
            : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
        {
            protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
                Task.FromResult(Request.Headers["X-Test-User"].ToString() is { Length: > 0 } user
                    ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Test")), "Test"))
                    : AuthenticateResult.NoResult());
        }
        """;

    /// <summary>A webhook receiver on 127.0.0.1 keeping every body it got in full.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<string> Bodies { get; } = new();

        public string Url { get; private set; } = string.Empty;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hooks/new-app", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                receiver.Bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
                return Results.Ok();
            });
            await app.StartAsync();
            receiver.Url = $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}/hooks/new-app";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The built app started as a process on 127.0.0.1, allowed to send to loopback, signed in through TestSignIn.</summary>
    private sealed partial class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private AppProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<AppProcess> StartAsync(string app, string root)
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = app, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                Path.Combine(app, "bin", "Release", "net10.0", "NewApp.dll"), "--urls", "http://127.0.0.1:0",
                $"--ConnectionStrings:ExportJobs=Filename={Path.Combine(root, "newapp.db")}", "--ExportJobs:Network:Allow:0=127.0.0.1",
                $"--ExportJobs:SpoolDirectory={Path.Combine(root, "spool")}",
            })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = "NewApp";
            var process = Process.Start(info)!;
            var output = new ConcurrentQueue<string>();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                output.Enqueue(e.Data);
                if (Listening().Match(e.Data) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            if (started != listening.Task)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The new app did not start listening within 60 s:\n" + string.Join('\n', output));
            }

            return new AppProcess(process, await listening.Task);
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
        private static partial Regex Listening();
    }
}
