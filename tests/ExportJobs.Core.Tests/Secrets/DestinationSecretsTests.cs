using System.Text.Json.Nodes;
using ExportJobs.Secrets;
using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Secrets;

public sealed class DestinationSecretsTests
{
    private static readonly string[] Secrets = ["password", "headers"];

    [Fact]
    public void Mask_ReplacesSecretValues_AndLeavesTheOriginalAlone()
    {
        var config = new JsonObject { ["host"] = "h", ["password"] = "hunter22", ["headers"] = new JsonObject { ["Authorization"] = "Bearer abc123" } };

        var masked = DestinationSecrets.MaskSecrets(config, Secrets);

        Assert.Equal("h", masked["host"]!.GetValue<string>());
        Assert.Equal(DestinationSecrets.Mask, masked["password"]!.GetValue<string>());
        Assert.Equal(DestinationSecrets.Mask, masked["headers"]!.GetValue<string>());
        Assert.Equal("hunter22", config["password"]!.GetValue<string>());
    }

    [Fact]
    public void Restore_PutsTheStoredValueBackForAMask()
    {
        var stored = new JsonObject { ["password"] = "hunter22" };
        var incoming = new JsonObject { ["password"] = DestinationSecrets.Mask, ["host"] = "new" };
        var errors = new ValidationErrors();

        var restored = DestinationSecrets.RestoreMasked(incoming, stored, Secrets, errors);

        Assert.True(errors.IsValid);
        Assert.Equal("hunter22", restored["password"]!.GetValue<string>());
        Assert.Equal("new", restored["host"]!.GetValue<string>());
    }

    [Fact]
    public void Restore_ReportsAMaskWithNothingStored()
    {
        var errors = new ValidationErrors();

        DestinationSecrets.RestoreMasked(new JsonObject { ["password"] = DestinationSecrets.Mask }, null, Secrets, errors.Scope("destinationConfig"));

        Assert.True(errors.Has("destinationConfig.password"));
    }

    [Fact]
    public void Scrub_RemovesEverySecretFromAMessage_IncludingNestedOnes()
    {
        var config = new JsonObject { ["password"] = "hunter22", ["headers"] = new JsonObject { ["X-Key"] = "k-998877" } };

        var text = DestinationSecrets.Scrub("login hunter22 failed; header k-998877 rejected", config, Secrets);

        Assert.Equal("login ******** failed; header ******** rejected", text);
    }
}
