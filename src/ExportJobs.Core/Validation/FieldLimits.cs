namespace ExportJobs.Validation;

/// <summary>The longest values the library accepts in a job or a reported run; longer ones are a validation error (400).</summary>
/// <remarks>
/// Chosen well above any real value so that no honest request meets them, and low enough that a 900 KB string cannot
/// be stored, exported into every file's name or metadata, and served back in every list response. Lengths are in
/// UTF-16 characters, as .NET counts them.
/// </remarks>
public static class FieldLimits
{
    /// <summary>A job's <c>name</c>.</summary>
    public const int Name = 200;

    /// <summary>A job's <c>description</c>.</summary>
    public const int Description = 4000;

    /// <summary>An id: <c>schemaId</c>, <c>catalogId</c>, and each dimension and segment id of <c>dimensionScope</c>.</summary>
    public const int Id = 200;

    /// <summary>How many dimensions a <c>dimensionScope</c> may name.</summary>
    public const int DimensionScopeEntries = 100;

    /// <summary>Every string inside <c>destinationConfig</c>, at any depth (a 4096-bit private key in PEM is about 3,300).</summary>
    public const int SettingValue = 16_384;

    /// <summary>Every property name inside <c>destinationConfig</c>, at any depth (setting and header names).</summary>
    public const int SettingName = 200;

    /// <summary>A job's <c>schedule</c> (a cron expression with a list in every field is about 200).</summary>
    public const int Schedule = 1000;

    /// <summary>A job's <c>timeZone</c> (the longest IANA id is about 30).</summary>
    public const int TimeZone = 100;

    /// <summary>A reported run's <c>error</c>.</summary>
    public const int RunError = 8000;

    /// <summary>A reported run's <c>destinationPath</c>.</summary>
    public const int RunDestinationPath = 2048;

    /// <summary>A reported run's <c>fileName</c> (S3 allows 1,024 bytes for a whole key).</summary>
    public const int RunFileName = 1024;
}
