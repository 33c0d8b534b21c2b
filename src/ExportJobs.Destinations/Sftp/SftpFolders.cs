using Renci.SshNet;

namespace ExportJobs.Destinations.Sftp;

/// <summary>Creates the folders of a remote path that do not exist yet.</summary>
internal static class SftpFolders
{
    public static async Task EnsureAsync(SftpClient client, string folder, CancellationToken cancellationToken)
    {
        if (folder.Length == 0 || await client.ExistsAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var current = folder.StartsWith('/') ? string.Empty : ".";
        foreach (var segment in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current + "/" + segment;
            if (!await client.ExistsAsync(current, cancellationToken).ConfigureAwait(false))
            {
                await client.CreateDirectoryAsync(current, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
