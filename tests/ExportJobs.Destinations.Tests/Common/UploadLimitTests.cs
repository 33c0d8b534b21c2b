using ExportJobs.Destinations.Common;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Tests.Common;

/// <summary>The one check of a store's piece limit, shared by whole-file and streamed uploads of s3 and azure-blob.</summary>
public sealed class UploadLimitTests
{
    private const long Mib = 1024 * 1024;

    [Fact]
    public void EnsureFits_ExactlyMaxPiecesFull_Fits_OneByteMore_FailsNamingTheSettingAndTheValueThatFits()
    {
        UploadLimit.S3Parts.EnsureFits("s3://bucket/a.csv", 10_000 * 16 * Mib, 16, finished: true);

        var error = Assert.Throws<ExportDeliveryException>(() => UploadLimit.S3Parts.EnsureFits("s3://bucket/a.csv", (10_000 * 16 * Mib) + 1, 16, finished: true));

        Assert.Equal(
            "s3://bucket/a.csv: the file (167,772,160,001 bytes) needs more than S3's 10,000 parts of 16 MiB ('partSizeMb'). Raise 'partSizeMb' to at least 17 (at most 5,120). Nothing was published.",
            error.Message);
    }

    [Fact]
    public void EnsureFits_AStreamedFileSoFar_SaysItIsStillBeingWritten()
    {
        var error = Assert.Throws<ExportDeliveryException>(() => UploadLimit.AzureBlocks.EnsureFits("https://acct/c/a.csv", (50_000 * Mib) + 1, 1, finished: false));

        Assert.Equal(
            "https://acct/c/a.csv: the file (52,428,800,001 bytes so far, still being written) needs more than Azure's 50,000 blocks of 1 MiB ('blockSizeMb'). Raise 'blockSizeMb' to at least 2 (more as the file grows) (at most 4,000). Nothing was published.",
            error.Message);
    }

    [Fact]
    public void EnsureFits_LargerThanTheLargestSettingAllows_SaysToSplit()
    {
        var error = Assert.Throws<ExportDeliveryException>(() => UploadLimit.AzureBlocks.EnsureFits("https://acct/c/a.csv", (50_000 * 4000 * Mib) + 1, 4000, finished: true));

        Assert.Contains("Even 'blockSizeMb' at its largest, 4,000, is too small: split the job's export into several files ('split').", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureFits_S3ObjectOverFiveTiB_IsRefused_ThoughItsPartsWouldFit()
    {
        const long fiveTiB = 5L * 1024 * 1024 * Mib;
        UploadLimit.S3Parts.EnsureFits("s3://bucket/a.csv", fiveTiB, 5120, finished: true);

        // 10,000 parts of 5,120 MiB would hold 50 TiB, but S3 refuses any object over 5 TiB: no advice to raise partSizeMb.
        var error = Assert.Throws<ExportDeliveryException>(() => UploadLimit.S3Parts.EnsureFits("s3://bucket/a.csv", fiveTiB + 1, 5120, finished: true));

        Assert.Equal(
            "s3://bucket/a.csv: the file (5,497,558,138,881 bytes) is larger than S3's largest object (5,497,558,138,880 bytes): split the job's export into several files ('split'). Nothing was published.",
            error.Message);
    }

    [Fact]
    public void EnsureFits_AnEmptyFile_Fits() => UploadLimit.AzureBlocks.EnsureFits("https://acct/c/a.csv", 0, 1, finished: true);
}
