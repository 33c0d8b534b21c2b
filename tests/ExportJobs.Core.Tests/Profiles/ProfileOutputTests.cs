using ExportJobs.Core.Tests.Formats;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Profiles;

public sealed class ProfileOutputTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "csv", "json", "jsonl", "xml" })
        {
            foreach (var profile in ProfileCases.All())
            {
                data.Add(format, profile.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Export_WithColumnsOrLabels_MatchesGoldenFile(string format, string profile)
    {
        var (_, headers, segment, columns) = ProfileCases.All().Single(p => p.Name == profile);
        await using var harness = new EngineHarness(new ListRecordSource(ProfileCases.LabelledColumns, AwkwardRecords.All));

        var run = await harness.RunAsync(ProfileCases.Job(format, headers, segment, columns));

        Assert.True(run.Status == ExportRunStatus.Success, run.Error);
        Golden.AssertMatches($"{format}-{profile}.{format}", await File.ReadAllBytesAsync(Assert.Single(harness.Delivered())));
    }

    [Fact]
    public async Task Export_WithoutColumnsAndWithCodes_IgnoresTheSourcesLabels()
    {
        await using var labelled = new EngineHarness(new ListRecordSource(ProfileCases.LabelledColumns, AwkwardRecords.All));
        await using var plain = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var job = ProfileCases.Job("csv", ExportHeaders.Codes, "seg-de", null);

        Assert.Equal(ExportRunStatus.Success, (await labelled.RunAsync(job)).Status);
        Assert.Equal(ExportRunStatus.Success, (await plain.RunAsync(job)).Status);

        Assert.Equal(await File.ReadAllBytesAsync(Assert.Single(plain.Delivered())), await File.ReadAllBytesAsync(Assert.Single(labelled.Delivered())));
    }

    [Fact]
    public async Task Run_WhoseColumnVanishedFromTheSource_FailsNamingIt()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        var job = ProfileCases.Job("csv", ExportHeaders.Codes, null, [new("id"), new("name"), new("discontinued")]);

        var run = await harness.RunAsync(job);

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("'discontinued' (columns[2])", run.Error, StringComparison.Ordinal);
        Assert.StartsWith("Failed while matching the job's columns to the record source's columns (ListRecordSource):", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Delivered());
    }

    [Fact]
    public async Task Preview_ShowsTheMappedOutput()
    {
        await using var harness = new EngineHarness(new ListRecordSource(ProfileCases.LabelledColumns, AwkwardRecords.All));
        var job = await harness.CreateAsync(ProfileCases.Job("csv", ExportHeaders.Labels, "seg-fr", ProfileCases.LabelledSelection));

        var preview = await harness.Previewer.PreviewAsync(job, 1);

        Assert.Equal("id,Nom,Prix TTC,stock,active,released\np-1,Chaussure é ü 日本 🎉,19.99,42,true,2024-02-29\n", preview.Content.ReplaceLineEndings("\n"));
    }
}
