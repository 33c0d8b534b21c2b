using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>A spool file with CSV-like content of a given size, optionally gzip-compressed, and its SHA-256.</summary>
public sealed class ExportFile : IDisposable
{
    private ExportFile(string path, string sha256, long length)
    {
        Path = path;
        Sha256 = sha256;
        Length = length;
    }

    public string Path { get; }

    public string Sha256 { get; }

    public long Length { get; }

    public static async Task<ExportFile> CreateAsync(long approximateBytes, bool gzip = false, int seed = 1)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"exportjobs-spool-{Guid.NewGuid():N}");
        var random = new Random(seed);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : file;
            await using (output)
            {
                await output.WriteAsync(Encoding.UTF8.GetBytes("sku,name,price\n"));
                long written = 0;
                var line = new StringBuilder();
                for (var i = 0; written < approximateBytes; i++)
                {
                    line.Clear().Append("SKU-").Append(i).Append(",Product ").Append(random.Next()).Append(' ').Append((char)('a' + random.Next(26))).Append(',').Append(random.Next(100000) / 100.0).Append('\n');
                    var bytes = Encoding.UTF8.GetBytes(line.ToString());
                    await output.WriteAsync(bytes);
                    written += bytes.Length;
                }
            }
        }

        await using var read = File.OpenRead(path);
        return new ExportFile(path, Convert.ToHexStringLower(await SHA256.HashDataAsync(read)), new FileInfo(path).Length);
    }

    public static async Task<string> Sha256Of(Stream stream) => Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));

    public void Dispose() => File.Delete(Path);
}
