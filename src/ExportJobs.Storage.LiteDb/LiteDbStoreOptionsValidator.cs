using Microsoft.Extensions.Options;

namespace ExportJobs.Storage.LiteDb;

/// <summary>Checks <see cref="LiteDbStoreOptions"/> at start-up.</summary>
internal sealed class LiteDbStoreOptionsValidator : IValidateOptions<LiteDbStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, LiteDbStoreOptions options)
    {
        var failures = new List<string>();
        if (options.LockTimeout < TimeSpan.Zero || options.LockTimeout > LiteDbStoreOptions.MaxLockTimeout)
        {
            failures.Add($"{LiteDbStoreOptions.SectionName}:LockTimeout must be between 00:00:00 and {LiteDbStoreOptions.MaxLockTimeout:c}; it is {options.LockTimeout:c}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
