using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>Request bodies for the API tests.</summary>
internal static class JobBodies
{
    public static JsonObject Valid(string name = "Nightly products") => new()
    {
        ["name"] = name,
        ["description"] = "All products for the shop",
        ["destinationType"] = "recording",
        ["destinationConfig"] = new JsonObject { ["path"] = "exports/products", ["token"] = "s3cr3t-token-value" },
        ["format"] = "csv",
        ["schemaId"] = "schema-product",
        ["catalogId"] = "catalog-web",
        ["dimensionScope"] = new JsonObject { ["dim-language"] = "seg-en" },
        ["schedule"] = "0 2 * * *",
        ["timeZone"] = "Europe/Berlin",
        ["includeVariants"] = true,
        ["compress"] = true,
        ["filenameTemplate"] = "products-{date}.csv",
        ["active"] = true,
    };
}
