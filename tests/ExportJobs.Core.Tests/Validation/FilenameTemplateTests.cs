using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Validation;

public sealed class FilenameTemplateTests
{
    private static readonly FilenameValues Values = new(new DateTimeOffset(2026, 3, 29, 2, 30, 5, TimeSpan.FromHours(2)), "job1", "run9", "csv");

    [Theory]
    [InlineData("products-{date}.csv", "products-2026-03-29.csv")]
    [InlineData("{date:yyyyMMdd}/{jobId}-{runId}.{format}", "20260329/job1-run9.csv")]
    [InlineData("at-{time}.json", "at-023005.json")]
    [InlineData("{jobId}-{date}.{format}", "job1-2026-03-29.csv")]
    [InlineData("plain.csv", "plain.csv")]
    public void Render_ReplacesEveryPlaceholder(string template, string expected)
    {
        var errors = new ValidationErrors();
        FilenameTemplate.Validate(template, "t", errors);

        Assert.True(errors.IsValid);
        Assert.Equal(expected, FilenameTemplate.Render(template, Values));
    }

    [Theory]
    [InlineData("../x.csv")]
    [InlineData("a/../../x.csv")]
    [InlineData("/etc/x.csv")]
    [InlineData("C:/x.csv")]
    [InlineData("a\\b.csv")]
    [InlineData("a\nb.csv")]
    [InlineData("a//b.csv")]
    [InlineData("folder/")]
    [InlineData("./x.csv")]
    [InlineData("{nope}.csv")]
    [InlineData("{date.csv")]
    [InlineData("x}.csv")]
    [InlineData("{jobId:yyyy}.csv")]
    [InlineData("{date:'..'}/x.csv")]
    [InlineData("   ")]
    public void Validate_RejectsTemplatesThatLeaveTheFolderOrDoNotParse(string template)
    {
        var errors = new ValidationErrors();

        FilenameTemplate.Validate(template, "filenameTemplate", errors);

        Assert.False(errors.IsValid);
        Assert.True(errors.Has("filenameTemplate"));
    }

    [Fact]
    public void Render_RejectsANameThatWouldLeaveTheFolder()
    {
        Assert.Throws<ArgumentException>(() => FilenameTemplate.Render("{date:'..'}/x", Values));
    }
}
