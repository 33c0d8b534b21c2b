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

    [Theory]
    [InlineData("products-{part}.csv", 7, "products-0007.csv")]
    [InlineData("products-{part:6}.csv", 12, "products-000012.csv")]
    [InlineData("products-{part:1}.csv", 12, "products-12.csv")]
    [InlineData("{date}/{part}-{jobId}.{format}", 1, "2026-03-29/0001-job1.csv")]
    public void Render_NumbersParts_ZeroPadded(string template, int part, string expected)
    {
        var errors = new ValidationErrors();
        FilenameTemplate.Validate(template, "t", errors);

        Assert.True(errors.IsValid);
        Assert.True(FilenameTemplate.HasPart(template));
        Assert.Equal(expected, FilenameTemplate.Render(template, Values with { Part = part }));
    }

    [Theory]
    [InlineData("products-{date}-{part}.csv", "products-2026-03-29.csv")]
    [InlineData("products_{part}.csv", "products.csv")]
    [InlineData("products.{part:3}.csv", "products.csv")]
    [InlineData("{part}-products.csv", "products.csv")]
    [InlineData("daily/{part}_{date}.csv", "daily/2026-03-29.csv")]
    [InlineData("products{part}.csv", "products.csv")]
    public void Render_WithoutAPartNumber_DropsPartAndOneSeparatorNextToIt_TheManifestsBaseName(string template, string expected)
    {
        Assert.Equal(expected, FilenameTemplate.Render(template, Values));
    }

    [Theory]
    [InlineData("p-{part:0}.csv")]
    [InlineData("p-{part:10}.csv")]
    [InlineData("p-{part:x}.csv")]
    public void Validate_RejectsABadPartWidth(string template)
    {
        var errors = new ValidationErrors();

        FilenameTemplate.Validate(template, "filenameTemplate", errors);

        Assert.True(errors.Has("filenameTemplate"));
    }

    [Fact]
    public void Render_RejectsANameThatWouldLeaveTheFolder()
    {
        Assert.Throws<ArgumentException>(() => FilenameTemplate.Render("{date:'..'}/x", Values));
    }
}
