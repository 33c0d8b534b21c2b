namespace ExportJobs.Destinations.AzureBlob;

/// <summary>A blob's staged, not yet committed blocks: their ids in order and the MD5 of the whole file.</summary>
internal sealed record AzureBlobBlocks(IReadOnlyList<string> Ids, byte[] Md5);
