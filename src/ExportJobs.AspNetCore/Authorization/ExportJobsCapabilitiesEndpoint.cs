using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore;

/// <summary>
/// <c>GET /export-jobs/capabilities</c>: each kind's policy evaluated for the current request as the authorization
/// middleware evaluates it at that kind's endpoints: with the policy's own authentication schemes when it names any
/// (a dashboard on cookies beside an API on bearer tokens or API keys), else with the request's user.
/// </summary>
internal sealed class ExportJobsCapabilitiesEndpoint(ExportJobsAuthorization authorization)
{
    public async Task<ExportJobsCapabilities> GetAsync(HttpContext context)
    {
        return new ExportJobsCapabilities(
            await AllowsAsync(ExportJobsAccess.Read).ConfigureAwait(false),
            await AllowsAsync(ExportJobsAccess.Operate).ConfigureAwait(false),
            await AllowsAsync(ExportJobsAccess.Edit).ConfigureAwait(false));

        // Resolved only when a policy is set: a host without policies needs no authorization services.
        async Task<bool> AllowsAsync(ExportJobsAccess access)
        {
            if (authorization.PolicyOf(access) is not { } name)
            {
                return true;
            }

            var services = context.RequestServices;
            var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(name).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The authorization policy '{name}' given for the {access} endpoints is not registered.");
            var evaluator = services.GetRequiredService<IPolicyEvaluator>();
            var user = context.User;
            try
            {
                // Authenticates with the policy's schemes (and replaces context.User with that result, as the middleware does)...
                var authenticated = await evaluator.AuthenticateAsync(policy, context).ConfigureAwait(false);
                var result = await evaluator.AuthorizeAsync(policy, authenticated, context, resource: null).ConfigureAwait(false);
                return result.Succeeded;
            }
            finally
            {
                // ...which must not leak into the next kind's evaluation or into the response.
                context.User = user;
            }
        }
    }
}
