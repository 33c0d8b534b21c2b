using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.Lifecycle;

/// <summary>A running run shows live progress on the host that owns it; a finished run shows none.</summary>
public sealed class RunProgressTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunningRun_RecordsWrittenRisesInSuccessiveReads_ThenDeliveryThenNoProgress(bool compress)
    {
        await using var api = await RunLifecycleApi.StartAsync();
        api.Destination.HoldBeforePublish = true;
        var jobId = await api.CreateJobAsync(compress);
        var runId = await api.TriggerAsync(jobId);

        var seen = new List<long>();
        foreach (var upTo in new long[] { 1000, 5000, 12_000 })
        {
            api.Source.Release(upTo);
            var read = await api.WaitForRunAsync(jobId, runId, r => Records(r) >= upTo, $"{upTo} records are written");
            Assert.Equal("running", read["status"]!.GetValue<string>());
            var progress = read["progress"]!.AsObject();
            Assert.Equal("writer", progress["stage"]!.GetValue<string>());
            Assert.True(DateTimeOffset.Parse(progress["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddSeconds(-2));
            seen.Add(Records(read));
        }

        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        var listed = (JsonArray)await (await api.Client.GetAsync($"/export-jobs/{jobId}/runs")).ReadJsonAsync();
        Assert.True(Records(listed[0]!.AsObject()) >= 12_000);

        api.Source.ReleaseAll();
        await api.Destination.ReadyToPublish.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var delivering = await api.GetRunAsync(jobId, runId);
        var stage = delivering["progress"]!["stage"]!.GetValue<string>();
        Assert.Equal("delivery", stage);
        Assert.Equal(RunLifecycleApi.Records, Records(delivering));
        Assert.True(delivering["progress"]!["bytesWritten"]!.GetValue<long>() > 0);

        api.Destination.ReleasePublish.SetResult();
        var finished = await api.WaitUntilFinishedAsync(jobId, runId);

        Assert.Equal("success", finished["status"]!.GetValue<string>());
        Assert.Null(finished["progress"]);
        Assert.Equal(finished["fileSize"]!.GetValue<long>(), delivering["progress"]!["bytesWritten"]!.GetValue<long>());
        Assert.False(finished["cancelled"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(finished["owner"]!.GetValue<string>()));
    }

    private static long Records(JsonObject run) => run["progress"]?["recordsWritten"]?.GetValue<long>() ?? -1;
}
