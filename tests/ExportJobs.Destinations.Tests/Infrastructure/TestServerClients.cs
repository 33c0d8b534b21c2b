using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using ExportJobs.Testing.Servers;
using Renci.SshNet;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>Independent clients (to set up and read back) and job settings for the test servers, the same in every test class.</summary>
public static class TestServerClients
{
    /// <summary>An S3 client of its own for s3rver (path-style; checksums only where required, as s3rver lacks them).</summary>
    public static AmazonS3Client CreateClient(this S3rverServer server) =>
        new(
            new BasicAWSCredentials(S3rverServer.AccessKeyId, S3rverServer.SecretAccessKey),
            new AmazonS3Config
            {
                ServiceURL = server.ServiceUrl.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

    /// <summary>An SFTP client of its own (not yet connected) for the test user, trusting only the server's host key.</summary>
    public static SftpClient CreateClient(this SshdServer server)
    {
        var client = new SftpClient("127.0.0.1", server.Port, SshdServer.UserName, server.Password);
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == server.HostKeyFingerprint;
        return client;
    }

    /// <summary>Every entry of a folder under the test user's home, hidden temporary files included; empty when it does not exist.</summary>
    public static async Task<List<string>> ListHomeFolderAsync(this SshdServer server, string folder)
    {
        using var client = server.CreateClient();
        await client.ConnectAsync(CancellationToken.None);
        var path = $"{SshdServer.Home}/{folder}";
        if (!await client.ExistsAsync(path))
        {
            return [];
        }

        var names = new List<string>();
        await foreach (var entry in client.ListDirectoryAsync(path, CancellationToken.None))
        {
            if (entry.Name is not ("." or ".."))
            {
                names.Add(entry.Name);
            }
        }

        return names;
    }

    /// <summary>The <c>s3</c> destinationConfig of a job delivering to <paramref name="bucket"/> on s3rver.</summary>
    public static JsonObject DestinationConfig(this S3rverServer server, string bucket, string? path = null)
    {
        var config = new JsonObject { ["bucket"] = bucket };
        if (path is not null)
        {
            config["path"] = path;
        }

        config["serviceUrl"] = server.ServiceUrl.ToString();
        config["forcePathStyle"] = true;
        config["accessKeyId"] = S3rverServer.AccessKeyId;
        config["secretAccessKey"] = S3rverServer.SecretAccessKey;
        config["useChunkEncoding"] = false;
        return config;
    }

    /// <summary>The <c>sftp</c> destinationConfig of a job delivering to <paramref name="folder"/> with the test user's password.</summary>
    public static JsonObject DestinationConfig(this SshdServer server, string folder) => new()
    {
        ["host"] = "127.0.0.1",
        ["port"] = server.Port,
        ["username"] = SshdServer.UserName,
        ["password"] = server.Password,
        ["path"] = folder,
        ["hostKeyFingerprint"] = server.HostKeyFingerprint,
    };
}
