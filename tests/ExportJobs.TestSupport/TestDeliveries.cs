using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Testing;

/// <summary>Whole-file deliveries of a test's own file, for calling a destination's upload code (or the delivery's streams) directly.</summary>
public static class TestDeliveries
{
    /// <summary>Job <c>job-1</c>: daily csv to <paramref name="destinationType"/> with no settings.</summary>
    /// <param name="destinationType">The job's destination type.</param>
    /// <returns>The job.</returns>
    public static ExportJob Job(string destinationType = "test") => new("job-1", new ExportJobDefinition
    {
        Name = "Products",
        DestinationType = destinationType,
        DestinationConfig = new JsonObject(),
        Format = "csv",
        Schedule = "0 3 * * *",
    });

    /// <summary>A delivery of the file at <paramref name="path"/>, which holds <paramref name="content"/>, named <paramref name="fileName"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">Its bytes (for its length and SHA-256).</param>
    /// <param name="destinationType">The job's destination type.</param>
    /// <param name="fileName">The file name the destination sees.</param>
    /// <param name="bytesRead">Told of the bytes read for the first time (the run's progress), when given.</param>
    /// <returns>The delivery, of <see cref="Job"/>'s job, run <c>run-1</c>, as csv.</returns>
    public static ExportDelivery OfFile(string path, byte[] content, string destinationType = "test", string fileName = "products.csv", Action<int>? bytesRead = null) => new(path)
    {
        Job = Job(destinationType),
        RunId = "run-1",
        IdempotencyKey = "job-1-1",
        FileName = fileName,
        ContentType = "text/csv; charset=utf-8",
        Length = content.Length,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
        BytesRead = bytesRead,
    };
}
