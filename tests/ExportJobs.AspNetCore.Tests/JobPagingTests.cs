using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary><c>GET /export-jobs?limit=&amp;after=</c> on Kestrel: pages in id order, a cursor that is a position, the whole list without parameters.</summary>
public sealed class JobPagingTests : ApiTestBase
{
    /// <summary>
    /// 120 jobs walked 10 at a time through the <c>Link</c> header while, after every page, jobs are deleted (the page's
    /// last job, whose id is the next cursor, one job not seen yet and one seen) and new ones created: every job that
    /// exists throughout the walk is seen exactly once, no job is seen twice, none after it was deleted, and the walk is
    /// strictly in id order.
    /// </summary>
    [Fact]
    public async Task Walk_WhileJobsAreCreatedAndDeleted_EverySurvivingJobOnceInIdOrder()
    {
        var initial = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            initial.Add(await CreateAsync($"Job {i}"));
        }

        var deleted = new HashSet<string>(StringComparer.Ordinal);
        var created = new List<string>();
        var seen = new List<string>();
        var url = "/export-jobs?limit=10";
        var random = new Random(12);
        var pages = 0;
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.ReadJsonAsync()).AsArray().Select(j => j!["id"]!.GetValue<string>()).ToList();
            Assert.All(page, id => Assert.DoesNotContain(id, deleted));
            seen.AddRange(page);
            url = response.NextLink();
            Assert.True(page.Count == 10 || url is null, "A page short of the limit has a next link.");
            Assert.True(++pages < 100, "The walk does not end.");
            if (page.Count == 0)
            {
                continue;
            }

            var unseen = initial.Concat(created).Where(id => !deleted.Contains(id) && string.CompareOrdinal(id, page[^1]) > 0).ToList();
            var victims = new List<string> { page[^1], page[0] };
            if (unseen.Count > 0)
            {
                victims.Add(unseen[random.Next(unseen.Count)]);
            }

            foreach (var id in victims.Distinct())
            {
                Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/export-jobs/{id}")).StatusCode);
                deleted.Add(id);
            }

            created.Add(await CreateAsync($"Created after page {pages}"));
        }

        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0), "The walk is not in strictly ascending id order.");
        var survivors = initial.Where(id => !deleted.Contains(id)).ToList();
        Assert.True(survivors.Count > 50, $"Only {survivors.Count} jobs survived the walk.");
        Assert.All(survivors, id => Assert.Contains(id, seen));
        Assert.True(deleted.Any(id => !seen.Contains(id)), "No job was deleted before the walk reached it.");
    }

    [Fact]
    public async Task NoPagingParameters_ListsEveryJobOldestFirst_AsBefore()
    {
        var ids = new List<string>();
        for (var i = 0; i < 105; i++)
        {
            ids.Add(await CreateAsync($"Job {i}"));
        }

        var response = await Client.GetAsync("/export-jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"), "The whole list has a next link.");
        var all = (await response.ReadJsonAsync()).AsArray();
        Assert.Equal(ids, all.Select(j => j!["id"]!.GetValue<string>()));
        var one = await (await Client.GetAsync($"/export-jobs/{ids[7]}")).ReadJsonAsync();
        Assert.True(JsonNode.DeepEquals(one, all[7]), $"The list shows a job otherwise than GET /{{id}}: {all[7]!.ToJsonString()} vs {one.ToJsonString()}");
        Assert.Equal("********", all[7]!["destinationConfig"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Page_ShowsEachJobAsTheWholeListDoes_AndLinksTheNextPage()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"Job {i}");
        }

        var all = (await (await Client.GetAsync("/export-jobs")).ReadJsonAsync()).AsArray();
        var byId = all.OrderBy(j => j!["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();

        var first = await Client.GetAsync("/export-jobs?limit=2");
        var page = (await first.ReadJsonAsync()).AsArray();
        var link = first.NextLink();
        var last = await Client.GetAsync($"/export-jobs?after={byId[3]!["id"]!.GetValue<string>()}");

        Assert.Equal(2, page.Count);
        Assert.True(JsonNode.DeepEquals(byId[0], page[0]) && JsonNode.DeepEquals(byId[1], page[1]), "A page shows jobs otherwise than the whole list.");
        Assert.Equal($"/export-jobs?limit=2&after={byId[1]!["id"]!.GetValue<string>()}", link);
        Assert.Equal([byId[4]!["id"]!.GetValue<string>()], (await last.ReadJsonAsync()).AsArray().Select(j => j!["id"]!.GetValue<string>()));
        Assert.Null(last.NextLink());
    }

    [Fact]
    public async Task After_ADeletedJob_ContinuesAtItsPosition()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await CreateAsync($"Job {i}"));
        }

        ids.Sort(StringComparer.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/export-jobs/{ids[1]}")).StatusCode);

        var response = await Client.GetAsync($"/export-jobs?limit=10&after={ids[1]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ids[2..], (await response.ReadJsonAsync()).AsArray().Select(j => j!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("after=", "after")]
    [InlineData("after=a&after=b", "after")]
    [InlineData("after=not-a-job-id", "after")]
    [InlineData("after=0123456789ABCDEF0123456789ABCDEF", "after")]
    [InlineData("after=0123456789abcdef0123456789abcde", "after")]
    public async Task BadLimitOrCursor_Is400NamingTheParameter(string query, string field)
    {
        await CreateAsync("A job");

        var response = await Client.GetAsync($"/export-jobs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task BadLimitAndCursor_AreReportedTogether()
    {
        var response = await Client.GetAsync("/export-jobs?limit=0&after=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("limit") && errors.ContainsKey("after"), $"Not every bad parameter is reported: {errors.ToJsonString()}");
    }

    private async Task<string> CreateAsync(string name) => (await Client.CreateJobAsync(JobBodies.Valid(name)))["id"]!.GetValue<string>();
}
