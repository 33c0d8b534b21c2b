using System.Net;
using System.Text;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Api;

[Collection(DestinationServers.Name)]
public sealed class SecretsAtRestTests(SshdServer sshd)
{
    [Fact]
    public async Task UseDataProtectionForSecrets_SecretIsNotInTheDatabaseFileAndRunsStillDeliver()
    {
        await using var host = await DestinationApiHost.StartAsync(b => b.UseDataProtectionForSecrets());
        var jobId = await CreateSftpJobAsync(host);

        var run = await host.TriggerAndWaitAsync(jobId);

        Assert.True(run["status"]!.GetValue<string>() == "success", run.ToJsonString());
        Assert.False(await DatabaseContainsAsync(host, sshd.Password), "The password is stored in clear text.");
        var stored = await host.Services.GetRequiredService<ExportJobStore>().GetJobAsync(jobId);
        Assert.Equal(sshd.Password, stored!.DestinationConfig["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutAProtector_SecretIsStoredAsSent()
    {
        await using var host = await DestinationApiHost.StartAsync();

        await CreateSftpJobAsync(host);

        Assert.True(await DatabaseContainsAsync(host, sshd.Password));
    }

    private async Task<string> CreateSftpJobAsync(DestinationApiHost host)
    {
        var config = sshd.DestinationConfig("at-rest-" + Guid.NewGuid().ToString("N")[..8]);
        var response = await host.PostAsync("/export-jobs", DestinationApiHost.Job("sftp", config));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await DestinationApiHost.ReadAsync(response))["id"]!.GetValue<string>();
    }

    /// <summary>Looks for the secret in every file of the database folder (data file and LiteDB's log), as UTF-8 and UTF-16.</summary>
    private static async Task<bool> DatabaseContainsAsync(DestinationApiHost host, string secret)
    {
        // The store's sidecar <file>.lock is held exclusively while the host runs and holds only the owner's process id.
        foreach (var file in Directory.GetFiles(host.DatabaseFolder).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy);
                bytes = copy.ToArray();
            }

            if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
