namespace ExportJobs.AspNetCore.Dashboard;

/// <summary>One embedded dashboard file with its content type and ETag.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
