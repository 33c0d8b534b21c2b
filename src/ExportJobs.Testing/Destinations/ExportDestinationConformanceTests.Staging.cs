using ExportJobs.Extensibility;
using Xunit;

namespace ExportJobs.Testing.Destinations;

public abstract partial class ExportDestinationConformanceTests
{
    /// <summary>
    /// Whether the destination stages split runs (destination contract v2: <see cref="IExportDestination.BeginStagingAsync"/>
    /// returns a staging for <see cref="CreateConfig"/>). Default <see langword="false"/>; override it to return
    /// <see langword="true"/> when yours stages, and the kit publishes and discards staged files against your server.
    /// </summary>
    protected virtual bool Stages => false;

    [Fact]
    public async Task Staging_IsOfferedExactlyWhenDeclared_AndPublishesTheStagedFilesWithTheirExactBytes()
    {
        var config = CreateConfig();
        var (first, firstContent) = await CreateDeliveryAsync(config, hooks: null, FileName);

        var staging = await Destination.BeginStagingAsync(first.Job, first.RunId, CancellationToken.None);

        Assert.True(Stages == staging is not null, Stages
            ? "Stages is true, but BeginStagingAsync returned null."
            : "BeginStagingAsync returned a staging: override Stages to return true so that the kit tests it.");
        if (staging is null)
        {
            return;
        }

        await using (staging)
        {
            var (second, secondContent) = await CreateDeliveryAsync(config, hooks: null, SecondFileName());
            var stagedFirst = await staging.StageAsync(first, CancellationToken.None);
            var stagedSecond = await staging.StageAsync(second, CancellationToken.None);
            foreach (var secret in SecretValues(config))
            {
                Assert.DoesNotContain(secret, stagedFirst.DestinationPath, StringComparison.Ordinal);
            }

            await stagedFirst.PublishAsync(CancellationToken.None);
            await stagedSecond.PublishAsync(CancellationToken.None);

            var storedFirst = await ReadStoredAsync(CreateConfig(), first.FileName, new DeliveryResult(stagedFirst.DestinationPath));
            var storedSecond = await ReadStoredAsync(CreateConfig(), second.FileName, new DeliveryResult(stagedSecond.DestinationPath));
            Assert.True(firstContent.AsSpan().SequenceEqual(storedFirst), "The first published file differs from what was staged.");
            Assert.True(secondContent.AsSpan().SequenceEqual(storedSecond), "The second published file differs from what was staged.");
        }

        Assert.Equal(2, (await ListStoredAsync(CreateConfig())).Count);
    }

    [Fact]
    public async Task Staging_DiscardedFiles_LeaveNothing()
    {
        var config = CreateConfig();
        var (first, _) = await CreateDeliveryAsync(config, hooks: null, FileName);

        var staging = await Destination.BeginStagingAsync(first.Job, first.RunId, CancellationToken.None);

        Assert.True(Stages == staging is not null, "BeginStagingAsync must return a staging exactly when Stages is true.");
        if (staging is null)
        {
            return;
        }

        await using (staging)
        {
            var (second, _) = await CreateDeliveryAsync(config, hooks: null, SecondFileName());
            var stagedFirst = await staging.StageAsync(first, CancellationToken.None);
            var stagedSecond = await staging.StageAsync(second, CancellationToken.None);
            await stagedSecond.DiscardAsync(CancellationToken.None);
            await stagedFirst.DiscardAsync(CancellationToken.None);
        }

        Assert.Empty(await ListStoredAsync(CreateConfig()));
    }

    /// <summary><see cref="FileName"/> with <c>-2</c> before its extension.</summary>
    private string SecondFileName()
    {
        var dot = FileName.LastIndexOf('.');
        return dot > FileName.LastIndexOf('/') ? $"{FileName[..dot]}-2{FileName[dot..]}" : FileName + "-2";
    }
}
