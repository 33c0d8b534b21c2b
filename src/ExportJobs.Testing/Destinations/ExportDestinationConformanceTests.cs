using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Destinations;

/// <summary>
/// The destination contract (<see cref="IExportDestination"/>) in executable form. A destination's tests inherit this
/// class and supply the destination, settings that point at a real place of their own for each test (a bucket, a
/// folder, a receiver) and a way to look at what is stored there; every test here must pass unchanged.
/// </summary>
/// <remarks>
/// What it checks: a delivery stores exactly the bytes it was given and nothing else; a delivery cancelled or failing
/// half-way (while the destination reads the file, or at the publish step) leaves nothing at the destination, not even a
/// temporary file; errors and connection-test messages contain no secret; <see cref="IExportDestination.Validate"/>
/// reports problems by setting name into the collection it is given and does not throw;
/// <see cref="IExportDestination.TestConnectionAsync"/> reports failures instead of throwing. For destinations that
/// declare it: staged publish (<see cref="Stages"/>) and streaming delivery (<see cref="Streams"/>: the fed bytes are
/// stored exactly, an export failing or cancelled half-way or a failed publish check leaves nothing).
/// </remarks>
public abstract partial class ExportDestinationConformanceTests : IAsyncLifetime
{
    private readonly List<string> _spoolFiles = [];
    private readonly List<StreamingDeliveryFeed> _feeds = [];
    private IExportDestination? _destination;

    /// <summary>The destination under test, created for each test.</summary>
    protected IExportDestination Destination => _destination ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>The <c>destinationType</c> the destination is registered under (put on the delivery's job).</summary>
    protected abstract string DestinationType { get; }

    /// <summary>
    /// The settings that must be reported when <c>destinationConfig</c> is empty (<c>bucket</c>, <c>url</c>, ...). Empty
    /// when the destination needs none.
    /// </summary>
    protected abstract IReadOnlyCollection<string> RequiredSettings { get; }

    /// <summary>Size of the file delivered by the tests, in bytes; large enough to be read in several pieces. Default 256 KiB.</summary>
    protected virtual int FileSize => 256 * 1024;

    /// <summary>The file name the tests deliver (as rendered from a job's template). Default <c>kit/products.csv</c>.</summary>
    protected virtual string FileName => "kit/products.csv";

    /// <summary>Creates the destination for one test, and whatever the place its settings point at needs (a bucket, a folder).</summary>
    protected abstract Task<IExportDestination> CreateDestinationAsync();

    /// <summary>Releases what <see cref="CreateDestinationAsync"/> created.</summary>
    protected virtual Task DisposeDestinationAsync() => Task.CompletedTask;

    /// <summary>
    /// Settings with which a delivery succeeds, pointing at a place of this test's own that starts empty. Called several
    /// times in a test: return a new object each time, for the same place.
    /// </summary>
    protected abstract JsonObject CreateConfig();

    /// <summary>
    /// Settings that pass validation but with which a delivery and the connection test fail: wrong credentials where the
    /// destination has secrets (every setting in <see cref="IExportDestination.SecretSettings"/> that it uses set to a
    /// value of its own), else a place that cannot be reached or written. Same place as <see cref="CreateConfig"/> where
    /// that makes sense, so that <see cref="ListStoredAsync"/> shows nothing was left.
    /// </summary>
    protected abstract JsonObject CreateFailingConfig();

    /// <summary>
    /// Everything at the place <paramref name="config"/> points at, read independently of the destination: object keys,
    /// blob names, files (temporary and hidden ones included), or the complete requests a receiver got.
    /// </summary>
    /// <param name="config">Settings from <see cref="CreateConfig"/> or <see cref="CreateFailingConfig"/>.</param>
    protected abstract Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config);

    /// <summary>The bytes a successful delivery stored, read independently of the destination.</summary>
    /// <param name="config">The settings it was delivered with.</param>
    /// <param name="fileName">The delivery's file name.</param>
    /// <param name="result">What <see cref="IExportDestination.DeliverAsync"/> returned.</param>
    protected abstract Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result);

    /// <inheritdoc/>
    public async Task InitializeAsync() => _destination = await CreateDestinationAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }

        await DisposeDestinationAsync();
        foreach (var file in _spoolFiles)
        {
            File.Delete(file);
        }
    }

    /// <summary>A spool file of <see cref="FileSize"/> bytes (every byte value, then random bytes) and the delivery of it.</summary>
    /// <param name="config">The job's settings.</param>
    /// <param name="hooks">How the delivery reacts to the destination reading the file and to its publish step.</param>
    protected Task<(ExportDelivery Delivery, byte[] Content)> CreateDeliveryAsync(JsonObject config, DeliveryHooks? hooks = null) =>
        CreateDeliveryAsync(config, hooks, FileName);

    private async Task<(ExportDelivery Delivery, byte[] Content)> CreateDeliveryAsync(JsonObject config, DeliveryHooks? hooks, string fileName)
    {
        var content = KitContent();
        var path = Path.Combine(Path.GetTempPath(), $"exportjobs-kit-{Guid.NewGuid():N}");
        _spoolFiles.Add(path);
        await File.WriteAllBytesAsync(path, content);
        var runId = Guid.CreateVersion7().ToString("N");
        var delivery = new ExportDelivery(path)
        {
            Job = new ExportJob("kit-job", new ExportJobDefinition
            {
                Name = "Conformance kit",
                DestinationType = DestinationType,
                DestinationConfig = config,
                Format = "csv",
                Schedule = "0 3 * * *",
            }),
            RunId = runId,
            IdempotencyKey = "kit-job:" + runId,
            FileName = fileName,
            ContentType = "text/csv; charset=utf-8",
            Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            PublishGate = hooks?.BeforePublish,
            BytesRead = hooks?.Read,
        };
        return (delivery, content);
    }

    /// <summary>Every string inside the settings the destination declares secret (nested values included).</summary>
    /// <param name="config">The settings.</param>
    protected IReadOnlyList<string> SecretValues(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var values = new List<string>();
        foreach (var name in Destination.SecretSettings)
        {
            Collect(config[name], values);
        }

        return values;

        static void Collect(JsonNode? node, List<string> values)
        {
            switch (node)
            {
                case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0:
                    values.Add(text);
                    break;
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        Collect(child, values);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Collect(child, values);
                    }

                    break;
            }
        }
    }
}
