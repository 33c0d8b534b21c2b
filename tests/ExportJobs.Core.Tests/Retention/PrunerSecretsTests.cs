using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Secrets;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Retention;

/// <summary>The pruner reads ids and retention only: a pass decrypts no secret (it used to decrypt every job's, every minute).</summary>
public sealed class PrunerSecretsTests
{
    [Fact]
    public async Task Pass_OverJobsWithEncryptedSecrets_DecryptsNothing_AndStillPrunes()
    {
        var protector = new CountingProtector();
        await using var harness = new PrunerHarness(extend: (services, exportJobs) =>
        {
            services.AddSingleton<ISecretProtector>(protector);
            exportJobs.AddDestination<CapturingDestination>(CapturingDestination.Name);
        });
        var job = new ExportJob(ExportIds.New(harness.Time.GetUtcNow()), new ExportJobDefinition
        {
            Name = "secret",
            DestinationType = CapturingDestination.Name,
            DestinationConfig = new JsonObject { ["password"] = "hunter2-very-secret" },
            Format = "csv",
            Schedule = "* * * * *",
            Retention = new ExportRetention { MaxRuns = 2 },
        })
        { CreatedAt = harness.Time.GetUtcNow(), UpdatedAt = harness.Time.GetUtcNow() };
        await harness.Store.CreateJobAsync(job);
        await harness.RecordRunsAsync(job, 5);
        Assert.Equal(1, protector.Protected);
        var before = protector.Unprotected;

        await harness.Pruner.PruneAsync(CancellationToken.None);

        Assert.Equal(before, protector.Unprotected);
        Assert.Equal(2, (await harness.RunIdsAsync(job)).Count);
        // The job itself still opens with its secret in clear (the runner's read).
        Assert.Equal("hunter2-very-secret", (await harness.Store.GetJobAsync(job.Id))!.DestinationConfig["password"]!.GetValue<string>());
    }

    private sealed class CountingProtector : ISecretProtector
    {
        private readonly ReversingSecretProtector _inner = new();
        private int _protected;
        private int _unprotected;

        public int Protected => Volatile.Read(ref _protected);

        public int Unprotected => Volatile.Read(ref _unprotected);

        public string Protect(string plaintext)
        {
            Interlocked.Increment(ref _protected);
            return _inner.Protect(plaintext);
        }

        public string Unprotect(string protectedValue)
        {
            Interlocked.Increment(ref _unprotected);
            return _inner.Unprotect(protectedValue);
        }
    }
}
