using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Secrets;

/// <summary>
/// The job list masks secrets without decrypting them again, and still shows exactly what decrypting and masking shows:
/// the mask for a secret that is set, nothing for one whose key was lost.
/// </summary>
public sealed class SecretListMaskingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task List_ShowsEveryJobAsGetDoes_AndDecryptsOnlyWhatItHasNotSeenDecrypt()
    {
        var writer = new KeyedProtector();
        string[] ids;
        await using (var services = Services(writer))
        {
            var manager = services.GetRequiredService<ExportJobManager>();
            ids =
            [
                await CreateAsync(manager, JsonValue.Create("s3cr3t-token-value")),
                await CreateAsync(manager, null),
                await CreateAsync(manager, new JsonObject { ["nested"] = "token-in-an-object" }),
            ];
            writer.Key = 2; // encrypted with a key the next process no longer has
            ids = [.. ids, await CreateAsync(manager, JsonValue.Create("token-with-a-lost-key"))];
        }

        var reader = new KeyedProtector { Lost = { 2 } };
        await using var host = Services(reader);
        var front = host.GetRequiredService<ExportJobManager>();

        var first = await front.ListAsync();
        var afterFirst = reader.Unprotected;
        var second = await front.ListAsync();
        var page = (await front.ListAsync(new ExportJobPageRequest { Limit = 10 })).Value!;
        var decryptedByLaterLists = reader.Unprotected - afterFirst;

        foreach (var id in ids)
        {
            var shown = (await front.GetAsync(id))!.Job.DestinationConfig;
            foreach (var list in new[] { first, second, page })
            {
                var listed = list.Single(v => v.Job.Id == id).Job.DestinationConfig;
                Assert.True(JsonNode.DeepEquals(shown, listed), $"GET shows {shown.ToJsonString()}, the list {listed.ToJsonString()}");
            }
        }

        Assert.Equal("********", first.Single(v => v.Job.Id == ids[0]).Job.DestinationConfig["token"]!.GetValue<string>());
        Assert.Equal("********", first.Single(v => v.Job.Id == ids[2]).Job.DestinationConfig["token"]!.GetValue<string>());
        Assert.False(first.Single(v => v.Job.Id == ids[3]).Job.DestinationConfig.ContainsKey("token"));
        Assert.Equal(3, afterFirst); // the two readable secrets once, the lost one
        Assert.Equal(2, decryptedByLaterLists); // only the lost one, once per list: it may decrypt again one day
    }

    [Fact]
    public async Task List_WithAProtectorThatNamesKeys_DecryptsOneSecretPerKey_AndShowsWhatGetShows()
    {
        var writer = new KeyedProtector { NamesKeys = true };
        var ids = new List<string>();
        await using (var services = Services(writer))
        {
            var manager = services.GetRequiredService<ExportJobManager>();
            for (var i = 0; i < 5; i++)
            {
                ids.Add(await CreateAsync(manager, JsonValue.Create($"token-{i}")));
            }

            writer.Key = 2;
            ids.Add(await CreateAsync(manager, JsonValue.Create("token-of-key-2")));
            writer.Key = 3; // lost in the next process
            ids.Add(await CreateAsync(manager, JsonValue.Create("token-with-a-lost-key")));
            ids.Add(await CreateAsync(manager, JsonValue.Create("another-token-with-the-lost-key")));
        }

        var reader = new KeyedProtector { NamesKeys = true, Lost = { 3 } };
        await using var host = Services(reader);
        var front = host.GetRequiredService<ExportJobManager>();

        var list = await front.ListAsync();
        Assert.Equal(1 + 1 + 2, reader.Unprotected); // one secret of key 1, one of key 2, and each secret of the lost key
        var masked = list.Where(v => v.Job.DestinationConfig.ContainsKey("token")).Select(v => v.Job.Id).ToHashSet();
        Assert.Equal(ids.Take(6).ToHashSet(), masked);
        Assert.All(list.Where(v => masked.Contains(v.Job.Id)), v => Assert.Equal("********", v.Job.DestinationConfig["token"]!.GetValue<string>()));
        foreach (var id in ids)
        {
            var shown = (await front.GetAsync(id))!.Job.DestinationConfig;
            var listed = list.Single(v => v.Job.Id == id).Job.DestinationConfig;
            Assert.True(JsonNode.DeepEquals(shown, listed), $"GET shows {shown.ToJsonString()}, the list {listed.ToJsonString()}");
        }
    }

    [Fact]
    public async Task List_OfAThousandJobs_MaskedOnEveryCore_IsInOrder_AndShowsWhatGetShows()
    {
        var writer = new KeyedProtector();
        var ids = new List<string>();
        await using (var services = Services(writer))
        {
            var manager = services.GetRequiredService<ExportJobManager>();
            for (var i = 0; i < 1_050; i++)
            {
                writer.Key = i % 7 == 0 ? 2 : 1;
                ids.Add(await CreateAsync(manager, (i % 3) switch { 0 => JsonValue.Create($"token-{i}"), 1 => null, _ => new JsonObject { ["nested"] = i } }));
            }
        }

        var reader = new KeyedProtector { Lost = { 2 } };
        await using var host = Services(reader);
        var front = host.GetRequiredService<ExportJobManager>();

        var list = await front.ListAsync();

        var stored = await host.GetRequiredService<ExportJobStore>().ListJobsAsync(); // oldest first, read one by one
        Assert.Equal(ids.Order(StringComparer.Ordinal), list.Select(v => v.Job.Id).Order(StringComparer.Ordinal));
        Assert.Equal(stored.Select(j => j.Id), list.Select(v => v.Job.Id));
        foreach (var view in list)
        {
            var shown = (await front.GetAsync(view.Job.Id))!.Job.DestinationConfig;
            Assert.True(JsonNode.DeepEquals(shown, view.Job.DestinationConfig), $"GET shows {shown.ToJsonString()}, the list {view.Job.DestinationConfig.ToJsonString()}");
        }
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<string> CreateAsync(ExportJobManager manager, JsonNode? token)
    {
        var config = new JsonObject { ["path"] = "out" };
        if (token is not null)
        {
            config["token"] = token;
        }

        var result = await manager.CreateAsync(new ExportJobDefinition
        {
            Name = "masking",
            DestinationType = RecordingDestination.TypeName,
            DestinationConfig = config,
            Format = "csv",
            Schedule = "0 2 * * *",
        });
        Assert.Null(result.Errors?.ToDictionary());
        return result.Value!.Job.Id;
    }

    private ServiceProvider Services(ISecretProtector protector)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs(o => o.SchedulerEnabled = false)
            .UseLiteDb($"Filename={_folder.File("jobs.db")}")
            .AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        services.AddSingleton(protector);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A stand-in for Data Protection with numbered keys, some of which can be lost; counts decryptions. With
    /// <see cref="NamesKeys"/> it tells the key of a value, as Data Protection's payload header does.
    /// </summary>
    private sealed class KeyedProtector : ISecretProtector, ISecretKeyIdentifier
    {
        private int _unprotected;

        public int Key { get; set; } = 1;

        public bool NamesKeys { get; init; }

        public string? GetKeyId(string protectedValue) =>
            NamesKeys && protectedValue.IndexOf(':', StringComparison.Ordinal) is > 3 and var colon ? protectedValue[..colon] : null;

        public HashSet<int> Lost { get; } = [];

        public int Unprotected => _unprotected;

        public string Protect(string plaintext) => $"key{Key}:{Convert.ToBase64String(Encoding.UTF8.GetBytes(plaintext))}";

        public string Unprotect(string protectedValue)
        {
            Interlocked.Increment(ref _unprotected);
            var key = int.Parse(protectedValue[3..protectedValue.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            return Lost.Contains(key)
                ? throw new CryptographicException($"Key {key} is not in the key ring.")
                : Encoding.UTF8.GetString(Convert.FromBase64String(protectedValue[(protectedValue.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        }
    }
}
