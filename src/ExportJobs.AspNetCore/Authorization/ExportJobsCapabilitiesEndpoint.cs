using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore;

/// <summary><c>GET /export-jobs/capabilities</c>: each kind's policy evaluated for the current user.</summary>
internal sealed class ExportJobsCapabilitiesEndpoint(ExportJobsAuthorization authorization)
{
    public async Task<ExportJobsCapabilities> GetAsync(HttpContext context)
    {
        return new ExportJobsCapabilities(
            await AllowsAsync(ExportJobsAccess.Read).ConfigureAwait(false),
            await AllowsAsync(ExportJobsAccess.Operate).ConfigureAwait(false),
            await AllowsAsync(ExportJobsAccess.Edit).ConfigureAwait(false));

        // Resolved only when a policy is set: a host without policies needs no authorization services.
        async Task<bool> AllowsAsync(ExportJobsAccess access) =>
            authorization.PolicyOf(access) is not { } policy
            || (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, resource: null, policy).ConfigureAwait(false)).Succeeded;
    }
}
