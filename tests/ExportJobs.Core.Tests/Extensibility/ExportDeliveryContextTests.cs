using System.Reflection;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Core.Tests.Extensibility;

/// <summary>What a whole-file and a streamed delivery share lives once, on <see cref="ExportDeliveryContext"/>.</summary>
public sealed class ExportDeliveryContextTests
{
    private static readonly string[] Shared = ["Job", "Config", "RunId", "IdempotencyKey", "FileName", "ContentType", "ContentEncoding", "PublishGate", "BytesRead", "Reads"];

    [Theory]
    [InlineData(typeof(ExportDelivery))]
    [InlineData(typeof(ExportStreamingDelivery))]
    public void SharedMembers_AreDeclaredOnTheContextOnly(Type delivery)
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        Assert.Equal(typeof(ExportDeliveryContext), delivery.BaseType);
        var duplicated = delivery.GetProperties(declared).Select(p => p.Name).Intersect(Shared).ToList();
        Assert.True(duplicated.Count == 0, $"{delivery.Name} declares {string.Join(", ", duplicated)} again; they belong to ExportDeliveryContext.");
        Assert.Null(delivery.GetMethod(nameof(ExportDeliveryContext.BeforePublishAsync), declared));
        Assert.Equal(Shared.Order(), typeof(ExportDeliveryContext).GetProperties(declared).Select(p => p.Name).Order());
        Assert.Equal(typeof(ExportDeliveryContext), delivery.GetMethod(nameof(ExportDeliveryContext.BeforePublishAsync))!.DeclaringType);
    }

    [Fact]
    public void Context_CanOnlyBeDerivedByTheLibrary()
    {
        var constructors = typeof(ExportDeliveryContext).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        Assert.True(typeof(ExportDeliveryContext).IsAbstract);
        Assert.All(constructors, c => Assert.True(c.IsFamilyAndAssembly, $"{c} lets plugins derive from ExportDeliveryContext."));
    }

    [Fact]
    public async Task WholeFile_ThroughTheContext_CarriesItsNamesAndCallsThePublishGate()
    {
        var path = Path.GetTempFileName();
        try
        {
            var gate = 0;
            ExportDeliveryContext delivery = new ExportDelivery(path)
            {
                Job = Job(),
                RunId = "run-1",
                IdempotencyKey = "job-1-1700000000",
                FileName = "daily/products.csv.gz",
                ContentType = "text/csv; charset=utf-8",
                ContentEncoding = "gzip",
                Length = 0,
                Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                PublishGate = _ => { gate++; return Task.CompletedTask; },
            };

            Assert.Equal("s3://bucket/daily/products.csv.gz", Describe(delivery));
            await delivery.BeforePublishAsync(CancellationToken.None);
            Assert.Equal(1, gate);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.BeforePublishAsync(new CancellationToken(canceled: true)));
            Assert.Equal(1, gate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Streamed_ThroughTheContext_RefusesToPublishBeforeTheFileIsFinished()
    {
        var gate = 0;
        await using var feed = new StreamingDeliveryFeed(Job(), new DeliveryHooks(null, _ => { gate++; return Task.CompletedTask; })) { FileName = "daily/products.csv.gz", ContentEncoding = "gzip" };
        ExportDeliveryContext delivery = feed.Delivery;

        Assert.Equal("s3://bucket/daily/products.csv.gz", Describe(delivery));
        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.BeforePublishAsync(CancellationToken.None));
        Assert.Equal(0, gate);
        await feed.CompleteAsync();
        await delivery.BeforePublishAsync(CancellationToken.None);
        Assert.Equal(1, gate);
    }

    /// <summary>A destination's helper written once for both kinds of delivery.</summary>
    private static string Describe(ExportDeliveryContext delivery) =>
        $"s3://{delivery.Config["bucket"]}/{delivery.FileName}";

    private static ExportJob Job() => new("job-1", new ExportJobDefinition
    {
        Name = "Products",
        DestinationType = "s3",
        DestinationConfig = new JsonObject { ["bucket"] = "bucket" },
        Format = "csv",
        Schedule = "0 3 * * *",
    });
}
