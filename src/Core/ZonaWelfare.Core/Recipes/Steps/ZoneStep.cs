using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Core.Data;

namespace ZonaWelfare.Core.Recipes.Steps;

/// <summary>The <c>zone</c> step: the zone's display name, the host names it claims and its comuni.</summary>
internal sealed partial class ZoneStep(IDbContextFactory<PlatformDbContext> platform, Microsoft.Extensions.Options.IOptions<PlatformOptions> options) : RecipeStep<ZoneStep.Model>
{
    public const string StepName = "zone";

    public override string Name => StepName;

    public override int ExportOrder => 0;

    /// <param name="Slug">When set, the recipe only applies to the zone with this slug.</param>
    /// <param name="DisplayName">The zone's name as citizens see it.</param>
    /// <param name="HostNames">Host names that reach the zone without a path prefix.</param>
    /// <param name="Comuni">The municipalities of the zone.</param>
    internal sealed record Model(string DisplayName, IReadOnlyList<string> Comuni, string? Slug = null, IReadOnlyList<string>? HostNames = null);

    protected override async Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        if (model.Slug is { } slug && slug != context.Plan.Slug)
        {
            context.AddError("slug", $"la ricetta è per la zona '{slug}', non per '{context.Plan.Slug}'.");
        }

        if (string.IsNullOrWhiteSpace(model.DisplayName) || model.DisplayName.Length > 200)
        {
            context.AddError("displayName", "il nome della zona è obbligatorio (al massimo 200 caratteri).");
        }

        // A zone in preparation may have no comuni yet (zones made from zona-base export that way).
        CheckList(model.Comuni, "comuni", "comune", context);

        var hosts = model.HostNames ?? [];
        CheckList(hosts, "hostNames", "host", context);
        await using var db = await platform.CreateDbContextAsync(cancellationToken);
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i].ToLowerInvariant();
            if (!HostName().IsMatch(host))
            {
                context.AddError($"hostNames[{i}]", $"'{hosts[i]}' non è un nome host valido.");
                continue;
            }

            if (options.Value.HostNames.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                context.AddError($"hostNames[{i}]", $"il nome host «{host}» è quello della piattaforma (amministrazione ed elenco delle zone): una zona non può usarlo.");
                continue;
            }

            var owner = await db.ZoneHosts.AsNoTracking().Where(h => h.Host == host).Select(h => h.Slug).FirstOrDefaultAsync(cancellationToken);
            if (owner is not null && owner != context.Plan.Slug)
            {
                context.AddError($"hostNames[{i}]", $"il nome host '{host}' è già usato dalla zona '{owner}'.");
            }
        }

        Apply(model, context.Plan);
    }

    protected override Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var before = (context.Plan.DisplayName, string.Join('|', context.Plan.HostNames), string.Join('|', context.Plan.Comuni));
        Apply(model, context.Plan);
        if (before != (context.Plan.DisplayName, string.Join('|', context.Plan.HostNames), string.Join('|', context.Plan.Comuni)))
        {
            context.RecordChange("dati della zona");
        }

        return Task.CompletedTask;
    }

    protected override Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken) =>
        Task.FromResult<Model?>(new Model(
            context.Zone.DisplayName,
            context.Zone.Comuni.ToList(),
            context.Zone.Slug,
            context.Zone.HostNames.Count > 0 ? context.Zone.HostNames.ToList() : null));

    private static void Apply(Model model, ZonePlan plan)
    {
        plan.DisplayName = model.DisplayName.Trim();
        plan.Comuni.Clear();
        plan.Comuni.AddRange(model.Comuni.Select(c => c.Trim()));
        plan.HostNames.Clear();
        plan.HostNames.AddRange((model.HostNames ?? []).Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal));
    }

    private static void CheckList(IReadOnlyList<string> values, string field, string what, RecipeValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                context.AddError($"{field}[{i}]", $"il {what} non può essere vuoto.");
            }
            else if (!seen.Add(values[i].Trim()))
            {
                context.AddError($"{field}[{i}]", $"'{values[i]}' compare due volte.");
            }
        }
    }

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();
}
