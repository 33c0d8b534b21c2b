using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExportJobs.Model;
using ExportJobs.Running.Spooling;

namespace ExportJobs.Running.Parts;

/// <summary>
/// Writes a run's manifest (<c>&lt;name&gt;.manifest.json</c>), the schema of which ships as
/// <c>schemas/export-manifest.schema.json</c> in the ExportJobs.Core package:
/// <c>{ manifestVersion: 1, jobId, runId, occurrence, format, compression, recordCount, fileSize, files: [{ name, path, records, bytes, sha256 }] }</c>.
/// </summary>
internal static class ExportManifestWriter
{
    /// <summary>The version of the manifest's shape, written as <c>manifestVersion</c>.</summary>
    public const int Version = 1;

    /// <summary>The manifest's MIME type.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the manifest to <paramref name="path"/> and returns its size and SHA-256.</summary>
    /// <param name="path">The spool file to create.</param>
    /// <param name="job">The job.</param>
    /// <param name="run">The run.</param>
    /// <param name="files">The delivered files, in order.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task<SpoolFile> WriteAsync(string path, ExportJob job, ExportRun run, IReadOnlyList<ExportRunFile> files, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 16 * 1024, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var target = new HashingStream(file, hash);
            await using (target.ConfigureAwait(false))
            {
                var json = new Utf8JsonWriter(target, Options);
                await using (json.ConfigureAwait(false))
                {
                    json.WriteStartObject();
                    json.WriteNumber("manifestVersion", Version);
                    json.WriteString("jobId", job.Id);
                    json.WriteString("runId", run.Id);
                    if (run.ScheduledAt is { } occurrence)
                    {
                        json.WriteString("occurrence", occurrence);
                    }
                    else
                    {
                        json.WriteNull("occurrence");
                    }

                    json.WriteString("format", job.Format);
                    if (job.Compress)
                    {
                        json.WriteString("compression", "gzip");
                    }
                    else
                    {
                        json.WriteNull("compression");
                    }

                    json.WriteNumber("recordCount", files.Sum(f => f.Records));
                    json.WriteNumber("fileSize", files.Sum(f => f.Bytes));
                    json.WriteStartArray("files");
                    foreach (var part in files)
                    {
                        json.WriteStartObject();
                        json.WriteString("name", part.Name);
                        json.WriteString("path", part.Path);
                        json.WriteNumber("records", part.Records);
                        json.WriteNumber("bytes", part.Bytes);
                        json.WriteString("sha256", part.Checksum);
                        json.WriteEndObject();
                        if (json.BytesPending > 16 * 1024)
                        {
                            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return new SpoolFile(path, target.BytesWritten, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }
}
