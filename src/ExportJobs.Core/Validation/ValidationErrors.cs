namespace ExportJobs.Validation;

/// <summary>
/// Collects every validation problem of a request at once, keyed by the JSON field they concern
/// (<c>schedule</c>, <c>destinationConfig.bucket</c>, ...). The API returns them as RFC 9457 <c>errors</c>.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors;
    private readonly string _prefix;

    /// <summary>Creates an empty collection.</summary>
    public ValidationErrors()
        : this(new Dictionary<string, List<string>>(StringComparer.Ordinal), string.Empty)
    {
    }

    private ValidationErrors(Dictionary<string, List<string>> errors, string prefix)
    {
        _errors = errors;
        _prefix = prefix;
    }

    /// <summary>Whether nothing was reported.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Whether a problem was reported for this field (relative to this collection's scope).</summary>
    /// <param name="field">The field name.</param>
    public bool Has(string field) => _errors.ContainsKey(_prefix + field);

    /// <summary>Reports a problem.</summary>
    /// <param name="field">The field name, relative to this collection's scope.</param>
    /// <param name="message">What is wrong and what is expected. Never include a secret value.</param>
    public void Add(string field, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var key = _prefix + field;
        if (!_errors.TryGetValue(key, out var list))
        {
            list = [];
            _errors[key] = list;
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    /// <summary>
    /// Returns a view that reports into this collection with <paramref name="prefix"/> and a dot before each field
    /// (destinations validate their settings through <c>errors.Scope("destinationConfig")</c>).
    /// </summary>
    /// <param name="prefix">The parent field.</param>
    public ValidationErrors Scope(string prefix) => new(_errors, _prefix + prefix + ".");

    /// <summary>The problems as the <c>errors</c> member of a validation problem details response.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
