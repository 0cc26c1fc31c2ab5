namespace ZonaWelfare.Abstractions.Routing;

/// <summary>The zones' public, anonymous, read-only APIs (e.g. the Bussola's HSDS API).</summary>
public static class PublicApi
{
    /// <summary>
    /// CORS policy for <c>.RequireCors(...)</c> on public read-only endpoints: any origin, GET/HEAD/OPTIONS
    /// only, no credentials. Admin pages and forms never carry it.
    /// </summary>
    public const string CorsPolicyName = "zone-public-api";

    /// <summary>The first path segment of the APIs (<c>/api/{zone}/…</c>); errors there answer in <c>application/problem+json</c>.</summary>
    public const string PathPrefix = "/api";
}
