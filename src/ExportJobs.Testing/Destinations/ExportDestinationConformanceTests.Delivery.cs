using System.Text.Json.Nodes;
using Xunit;

namespace ExportJobs.Testing.Destinations;

public abstract partial class ExportDestinationConformanceTests
{
    [Fact]
    public async Task Deliver_StoresExactlyTheBytesItWasGiven_AndNothingElse()
    {
        var config = CreateConfig();
        var (delivery, content) = await CreateDeliveryAsync(config);

        var result = await Destination.DeliverAsync(delivery, CancellationToken.None);

        Assert.False(string.IsNullOrWhiteSpace(result.DestinationPath), "DeliverAsync must say where the file went.");
        foreach (var secret in SecretValues(config))
        {
            Assert.DoesNotContain(secret, result.DestinationPath, StringComparison.Ordinal);
        }

        var stored = await ReadStoredAsync(CreateConfig(), delivery.FileName, result);
        Assert.True(content.AsSpan().SequenceEqual(stored), $"The destination stored {stored.Length} bytes that differ from the {content.Length} bytes it was given.");
        Assert.Single(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Deliver_ProgressCountsEachByteOnce_EndsAtTheFileLength()
    {
        // The run's live progress adds what the delivery's reads tell (DeliveryHooks.Read): each byte once, however often
        // the destination reads it (to hash it, then to send it; a retry). A destination that moves the file may read less.
        long read = 0;
        var (delivery, content) = await CreateDeliveryAsync(CreateConfig(), new DeliveryHooks(count => Interlocked.Add(ref read, count), null));

        await Destination.DeliverAsync(delivery, CancellationToken.None);

        if (File.Exists(_spoolFiles[^1]))
        {
            Assert.True(read == content.Length, $"The delivery's progress ended at {read} bytes for a file of {content.Length}.");
        }
        else
        {
            Assert.InRange(read, 0, content.Length);
        }
    }

    [Fact]
    public async Task Deliver_CancelledWhileReadingTheFile_LeavesNothing()
    {
        // Cancelled once half the file was read; a destination that never reads it (it moves the file) at its publish step.
        using var cancel = new CancellationTokenSource();
        long read = 0;
        var hooks = new DeliveryHooks(
            count =>
            {
                if (Interlocked.Add(ref read, count) >= FileSize / 2)
                {
                    cancel.Cancel();
                }
            },
            _ =>
            {
                cancel.Cancel();
                cancel.Token.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            });
        var (delivery, _) = await CreateDeliveryAsync(CreateConfig(), hooks);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Destination.DeliverAsync(delivery, cancel.Token));

        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Deliver_CancelledAtThePublishStep_LeavesNothing()
    {
        // What the library does when the run was cancelled or another host took it over: the publish check throws.
        using var cancel = new CancellationTokenSource();
        var published = 0;
        var hooks = new DeliveryHooks(null, _ =>
        {
            Interlocked.Increment(ref published);
            cancel.Cancel();
            throw new OperationCanceledException("The run was cancelled.", cancel.Token);
        });
        var (delivery, _) = await CreateDeliveryAsync(CreateConfig(), hooks);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Destination.DeliverAsync(delivery, cancel.Token));

        Assert.True(published > 0, "The destination never called ExportDelivery.BeforePublishAsync before making the file visible.");
        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Deliver_FailingWhileReadingTheFile_ThrowsAndLeavesNothing()
    {
        // Every read past the middle of the file fails (so retries fail too); a destination that never reads the file fails at its publish step.
        long read = 0;
        var hooks = new DeliveryHooks(
            count =>
            {
                if (Interlocked.Add(ref read, count) >= FileSize / 2)
                {
                    throw new IOException("Conformance kit: the spool file could not be read.");
                }
            },
            _ => throw new IOException("Conformance kit: the disk failed before publishing."));
        var (delivery, _) = await CreateDeliveryAsync(CreateConfig(), hooks);

        await Assert.ThrowsAnyAsync<Exception>(() => Destination.DeliverAsync(delivery, CancellationToken.None));

        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task Deliver_FailingConfig_ThrowsWithoutASecretAndLeavesNothing()
    {
        var config = CreateFailingConfig();
        var secrets = SecretValues(config);
        Assert.True(Destination.SecretSettings.Count == 0 || secrets.Count > 0, "CreateFailingConfig must set the destination's secret settings, so that the test can check they stay out of errors.");
        var (delivery, _) = await CreateDeliveryAsync(config);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Destination.DeliverAsync(delivery, CancellationToken.None));

        Assert.IsNotType<OperationCanceledException>(error);
        AssertNoSecret(secrets, error.ToString());
        Assert.Empty(await ListStoredAsync(config));
    }

    [Fact]
    public async Task TestConnection_Config_PassesEveryCheck()
    {
        var result = await Destination.TestConnectionAsync(CreateConfig(), CancellationToken.None);

        Assert.NotEmpty(result.Checks);
        Assert.True(result.Success, string.Join("; ", result.Checks.Select(c => $"{c.Name}: {c.Message}")));
        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    [Fact]
    public async Task TestConnection_FailingConfig_ReportsAFailedCheckWithoutThrowingOrASecret()
    {
        var config = CreateFailingConfig();

        var result = await Destination.TestConnectionAsync(config, CancellationToken.None);

        Assert.NotEmpty(result.Checks);
        Assert.False(result.Success);
        Assert.All(result.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Message)));
        AssertNoSecret(SecretValues(config), string.Join("\n", result.Checks.Select(c => c.Name + " " + c.Message)));
    }

    private static void AssertNoSecret(IReadOnlyList<string> secrets, string text)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret setting's value appears in: {text}");
        }
    }
}
