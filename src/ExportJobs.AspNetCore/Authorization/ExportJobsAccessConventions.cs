using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ExportJobs.AspNetCore;

/// <summary>Puts an endpoint's kind and, when the host set one, the kind's policy on it.</summary>
internal static class ExportJobsAccessConventions
{
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, ExportJobsAuthorization authorization, ExportJobsAccess access)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ExportJobsAccessMetadata(access));
        return authorization.PolicyOf(access) is { } policy ? builder.RequireAuthorization(policy) : builder;
    }
}
