using System.Globalization;
using System.Text;

namespace ExportJobs.Validation;

/// <summary>
/// Output file name templates: <c>{date}</c> (yyyy-MM-dd of the run's scheduled time in the job's time zone),
/// <c>{date:FORMAT}</c> (any .NET date format), <c>{time}</c> (HHmmss), <c>{jobId}</c>, <c>{runId}</c>, <c>{format}</c>
/// and, for split jobs, <c>{part}</c> (1-based, zero-padded to 4 digits) or <c>{part:N}</c> (padded to N digits, 1 to 9).
/// </summary>
/// <remarks>
/// A template may name subfolders (<c>daily/products-{date}.csv</c>) but never leave the destination's folder: <c>..</c>
/// segments, absolute paths, backslashes and control characters are rejected when a job is created or updated, and
/// the rendered name is checked again before each run.
/// </remarks>
internal static class FilenameTemplate
{
    /// <summary>The template used when a job does not set one.</summary>
    public const string Default = Model.ExportJobDefinition.DefaultFilenameTemplate;

    private const int MaxLength = 512;

    /// <summary>The width <c>{part}</c> is zero-padded to.</summary>
    public const int DefaultPartWidth = 4;

    /// <summary>The suffix of a split run's manifest: the template rendered without <c>{part}</c>, plus this.</summary>
    public const string ManifestSuffix = ".manifest.json";

    private const string Separators = "-_.";

    /// <summary>Whether the template has a <c>{part}</c> or <c>{part:N}</c> placeholder (a split job's template must).</summary>
    /// <param name="template">The template.</param>
    public static bool HasPart(string? template) =>
        template is not null && Tokenize(template).Any(t => t is Placeholder { Name: "part" });

    /// <summary>Checks a template and reports every problem.</summary>
    /// <param name="template">The template.</param>
    /// <param name="field">The field name to report under.</param>
    /// <param name="errors">Collects the problems.</param>
    public static void Validate(string? template, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(template))
        {
            errors.Add(field, "The filename template must not be empty.");
            return;
        }

        if (template.Length > MaxLength)
        {
            errors.Add(field, $"The filename template must be at most {MaxLength} characters long.");
        }

        foreach (var problem in Tokenize(template).OfType<Problem>())
        {
            errors.Add(field, problem.Message);
        }

        var sample = TryRender(template, new FilenameValues(new DateTimeOffset(2000, 1, 2, 3, 4, 5, TimeSpan.Zero), "job", "run", "csv", 1));
        foreach (var message in PathProblems(sample ?? template))
        {
            errors.Add(field, message);
        }

        if (sample is not null && HasPart(template) && TryRender(template, new FilenameValues(new DateTimeOffset(2000, 1, 2, 3, 4, 5, TimeSpan.Zero), "job", "run", "csv")) is { } manifest
            && PathProblems(manifest + ManifestSuffix).FirstOrDefault() is { } manifestProblem)
        {
            errors.Add(field, $"Without {{part}} (the manifest's name): {manifestProblem}");
        }
    }

    /// <summary>Renders a template.</summary>
    /// <param name="template">A template that passed <see cref="Validate"/>.</param>
    /// <param name="values">The run's values.</param>
    /// <exception cref="ArgumentException">The template is invalid, or renders to a name that would leave the destination folder.</exception>
    public static string Render(string template, FilenameValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        var rendered = TryRender(template, values)
            ?? throw new ArgumentException($"The filename template '{template}' is not valid.", nameof(template));
        var problem = PathProblems(rendered).FirstOrDefault();
        return problem is null ? rendered : throw new ArgumentException($"The filename '{rendered}' is not allowed: {problem}", nameof(template));
    }

    private static string? TryRender(string template, FilenameValues values)
    {
        var builder = new StringBuilder(template.Length + 32);
        var dropSeparator = false;
        foreach (var token in Tokenize(template))
        {
            switch (token)
            {
                case Problem:
                    return null;
                case Literal literal:
                    // Without a part number, {part} goes with one separator next to it: the one before, else the one after.
                    var text = dropSeparator && literal.Text.Length > 0 && literal.Text[0] is '-' or '_' ? literal.Text[1..] : literal.Text;
                    dropSeparator = false;
                    builder.Append(text);
                    break;
                case Placeholder { Name: "part" } part when values.Part is { } number:
                    var width = part.Format is null ? DefaultPartWidth : int.Parse(part.Format, CultureInfo.InvariantCulture);
                    builder.Append(number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
                    break;
                case Placeholder { Name: "part" }:
                    if (builder.Length > 0 && Separators.Contains(builder[^1], StringComparison.Ordinal))
                    {
                        builder.Length--;
                    }
                    else
                    {
                        dropSeparator = true;
                    }

                    break;
                case Placeholder placeholder:
                    dropSeparator = false;
                    builder.Append(placeholder.Name switch
                    {
                        "date" => values.Date.ToString(placeholder.Format ?? "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        "time" => values.Date.ToString(placeholder.Format ?? "HHmmss", CultureInfo.InvariantCulture),
                        "jobId" => values.JobId,
                        "runId" => values.RunId,
                        _ => values.Format,
                    });
                    break;
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> PathProblems(string name)
    {
        if (name.Any(char.IsControl))
        {
            yield return "The filename must not contain control characters.";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            yield return "Use '/' to separate folders; '\\' is not allowed.";
        }

        if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':'))
        {
            yield return "The filename must be relative to the destination's path, not absolute.";
        }

        var segments = name.Split('/');
        if (segments.Any(s => s is ".." or "."))
        {
            yield return "The filename must not contain '.' or '..' segments (it would leave the destination's folder).";
        }

        if (segments.Length > 0 && segments.Any(s => s.Length == 0) && !name.StartsWith('/'))
        {
            yield return "The filename must not contain empty folder names ('//' or a trailing '/').";
        }
    }

    private static IEnumerable<Token> Tokenize(string template)
    {
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOfAny(['{', '}'], i);
            if (open < 0)
            {
                yield return new Literal(template[i..]);
                yield break;
            }

            if (open > i)
            {
                yield return new Literal(template[i..open]);
            }

            if (template[open] == '}')
            {
                yield return new Problem($"Unexpected '}}' at position {open + 1}.");
                yield break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                yield return new Problem($"The placeholder at position {open + 1} is not closed with '}}'.");
                yield break;
            }

            var content = template[(open + 1)..close];
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? content : content[..colon];
            var format = colon < 0 ? null : content[(colon + 1)..];
            if (name is not ("date" or "time" or "jobId" or "runId" or "format" or "part"))
            {
                yield return new Problem($"Unknown placeholder '{{{content}}}'. Use {{date}}, {{date:FORMAT}}, {{time}}, {{jobId}}, {{runId}}, {{format}} or {{part}}.");
            }
            else if (name == "part")
            {
                if (format is null || (format.Length == 1 && format[0] is >= '1' and <= '9'))
                {
                    yield return new Placeholder(name, format);
                }
                else
                {
                    yield return new Problem($"'{{{content}}}' has an invalid width; use {{part}} (4 digits) or {{part:N}} with N from 1 to 9.");
                }
            }
            else if (format is not null && (name is not ("date" or "time") || format.Length == 0 || !IsValidDateFormat(format)))
            {
                yield return new Problem($"'{{{content}}}' has an invalid format; only {{date:FORMAT}} and {{time:FORMAT}} take a .NET date format such as yyyyMMdd.");
            }
            else
            {
                yield return new Placeholder(name, format);
            }

            i = close + 1;
        }
    }

    private static bool IsValidDateFormat(string format)
    {
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private abstract record Token;

    private sealed record Literal(string Text) : Token;

    private sealed record Placeholder(string Name, string? Format) : Token;

    private sealed record Problem(string Message) : Token;
}
