using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ExportJobs.Sample.Security;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>The sample's development credential: open without Sample:ApiKey, the key required (header or Basic password) with it.</summary>
public sealed class SampleApiKeyTests
{
    private const string Key = "sample-key-0123456789abcdef";

    [Theory]
    [InlineData("/export-jobs")]
    [InlineData("/export-jobs-ui")]
    public async Task WithoutAKey_TheSampleIsOpen(string path)
    {
        using var host = new SampleHost();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/export-jobs")]
    [InlineData("/export-jobs-ui")]
    [InlineData("/export-jobs/00000000000000000000000000000000/schedule")]
    public async Task WithAKey_ARequestWithoutIt_Gets401AskingForBasic(string path)
    {
        using var host = Protected();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task WithAKey_AWrongKey_Gets401()
    {
        using var host = Protected();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(SampleApiKeyHandler.HeaderName, Key + "x");

        using var response = await client.GetAsync("/export-jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WithAKey_TheHeader_OpensTheApi()
    {
        using var host = Protected();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(SampleApiKeyHandler.HeaderName, Key);

        using var response = await client.GetAsync("/export-jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithAKey_TheKeyAsBasicPassword_OpensTheDashboard()
    {
        using var host = Protected();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("me:" + Key)));

        using var dashboard = await client.GetAsync("/export-jobs-ui");
        using var api = await client.GetAsync("/export-jobs");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task WithAKey_HealthAndTheOpenApiDocument_StayOpen()
    {
        using var host = Protected();
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5000", false)]
    [InlineData("http://[::1]:5000", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://[::]:80", true)]
    [InlineData("http://+:80", true)]
    [InlineData("http://*:80", true)]
    [InlineData("http://192.168.1.20:80", true)]
    [InlineData("http://pim.example:80", true)]
    public void Reachable_IsEveryAddressButLoopback(string address, bool reachable)
    {
        Assert.Equal(reachable, SampleExposure.Reachable([address]).Count == 1);
    }

    private static SampleHost Protected()
    {
        var host = new SampleHost();
        host.Settings["Sample:ApiKey"] = Key;
        return host;
    }
}
