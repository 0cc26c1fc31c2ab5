using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Modules;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Zones;

/// <summary>The outcome of applying a recipe: what changed (nothing, when re-applied).</summary>
public sealed record RecipeApplyResult(string Slug, bool Created, IReadOnlyList<string> Changes);

/// <summary>Thrown when a zone operation is refused; the message is meant for the user.</summary>
public class ZoneOperationException(string message) : Exception(message);

/// <summary>A zone of that slug exists, or another creation of it is under way.</summary>
/// <summary>No zone of that slug exists (or its creation has not finished).</summary>
public sealed class ZoneNotFoundException(string slug) : ZoneOperationException($"La zona «{slug}» non esiste.")
{
    public string Slug { get; } = slug;
}

public sealed class ZoneExistsException(string slug)
    : ZoneOperationException($"La zona «{slug}» esiste già: per aggiornarla applica la ricetta alla zona.")
{
    public string Slug { get; } = slug;
}

/// <summary>Creates zones from recipes, applies and exports recipes, enables and disables modules.</summary>
public sealed partial class ZoneManager
{
    private readonly IDbContextFactory<PlatformDbContext> _platform;
    private readonly RecipeEngine _engine;
    private readonly ZoneActivator _activator;
    private readonly ZoneRegistry _registry;
    private readonly IZoneStorage _storage;
    private readonly ModuleCatalog _catalog;
    private readonly ILogger<ZoneManager> _logger;
    private readonly Caching.ZoneEvictions _evictions;

    internal ZoneManager(
        IDbContextFactory<PlatformDbContext> platform,
        RecipeEngine engine,
        ZoneActivator activator,
        ZoneRegistry registry,
        IZoneStorage storage,
        ModuleCatalog catalog,
        ILogger<ZoneManager> logger,
        Caching.ZoneEvictions evictions)
    {
        _evictions = evictions;
        _platform = platform;
        _engine = engine;
        _activator = activator;
        _registry = registry;
        _storage = storage;
        _catalog = catalog;
        _logger = logger;
    }

    /// <summary>Checks a slug for a new zone; returns the problem in Italian, or null.</summary>
    public static string? CheckSlug(string slug) =>
        !SlugPattern().IsMatch(slug) ? $"'{slug}' non è un identificativo valido: usa da 2 a 40 lettere minuscole, cifre e '-', iniziando con una lettera."
        : ZoneResolver.ReservedSlugs.Contains(slug) ? $"'{slug}' è una parola riservata della piattaforma."
        : null;

    /// <summary>
    /// Creates a zone and applies its recipe; on any failure nothing of the zone is left behind. The slug is first
    /// reserved by an <see cref="ZoneState.Uninitialized"/> registry row (its primary key lets exactly one of several
    /// concurrent creations in, on any node); the others are refused before they touch anything.
    /// </summary>
    public async Task<RecipeApplyResult> CreateAsync(string slug, RecipeDocument recipe, string? actor, CancellationToken cancellationToken = default)
    {
        if (CheckSlug(slug) is { } problem)
        {
            throw new ZoneOperationException(problem);
        }

        await using (var db = await _platform.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Zones.AnyAsync(z => z.Slug == slug, cancellationToken))
            {
                throw new ZoneExistsException(slug);
            }
        }

        var plan = new ZonePlan { Slug = slug, DisplayName = slug };
        var errors = await _engine.ValidateAsync(recipe, plan, existing: null, cancellationToken);
        if (errors.Count > 0)
        {
            throw new RecipeValidationException(recipe.Name, errors);
        }

        var now = DateTime.UtcNow;
        await ReserveAsync(slug, now, cancellationToken);
        var zone = Describe(plan, ZoneState.Running, recipe, now, now);
        try
        {
            await _activator.MigrateAsync(zone, plan.EnabledModules, cancellationToken);
            var changes = await _engine.ApplyAsync(recipe, Fresh(slug), zone, actor, cancellationToken);
            await using var db = await _platform.CreateDbContextAsync(cancellationToken);
            var record = await db.Zones.Include(z => z.HostNames).FirstAsync(z => z.Slug == slug, cancellationToken);
            CopyPlan(plan, record, recipe, DateTime.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            _logger.LogInformation("Zone {Zone} created from recipe {Recipe} {Version}", slug, recipe.Name, recipe.Version);
            return new RecipeApplyResult(slug, Created: true, changes);
        }
        catch
        {
            // Nothing half-written: the zone's store goes, then the reservation, so the registry never shows it.
            await DiscardAsync(slug, CancellationToken.None);
            throw;
        }
        finally
        {
            await _evictions.RegistryChangedAsync(CancellationToken.None);
            await _activator.ForgetAsync(slug);
        }
    }

    /// <summary>
    /// Discards the zones whose creation was interrupted (a killed process): reservations older than
    /// <paramref name="olderThan"/>, with their stores. Returns their slugs.
    /// </summary>
    public async Task<IReadOnlyList<string>> DiscardInterruptedCreationsAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var before = DateTime.UtcNow - olderThan;
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        var stale = await db.Zones.AsNoTracking()
            .Where(z => z.State == (int)ZoneState.Uninitialized && z.UpdatedUtc < before)
            .Select(z => z.Slug)
            .ToListAsync(cancellationToken);
        foreach (var slug in stale)
        {
            _logger.LogWarning("Zone {Zone}: its creation was interrupted; its store and reservation are removed", slug);
            await DiscardAsync(slug, cancellationToken);
        }

        if (stale.Count > 0)
        {
            await _evictions.RegistryChangedAsync(cancellationToken);
        }

        return stale;
    }

    private async Task ReserveAsync(string slug, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        db.Zones.Add(new ZoneRecord { Slug = slug, DisplayName = slug, State = (int)ZoneState.Uninitialized, CreatedUtc = now, UpdatedUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another creation of the slug reserved it between the check above and here.
            if (await ExistsAsync(slug, cancellationToken))
            {
                throw new ZoneExistsException(slug);
            }

            throw;
        }
    }

    private async Task<bool> ExistsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        return await db.Zones.AnyAsync(z => z.Slug == slug, cancellationToken);
    }

    /// <summary>Removes an uninitialized zone: its store first, then its reservation (which a zone that ran is never in).</summary>
    private async Task DiscardAsync(string slug, CancellationToken cancellationToken)
    {
        await _storage.DeleteZoneStoreAsync(slug, cancellationToken);
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        await db.Zones.Where(z => z.Slug == slug && z.State == (int)ZoneState.Uninitialized).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Validates a recipe for a zone without writing anything: against the zone's current state when it
    /// exists, or as a new zone otherwise.
    /// </summary>
    public async Task<IReadOnlyList<RecipeError>> ValidateAsync(string slug, RecipeDocument recipe, CancellationToken cancellationToken = default)
    {
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        var record = await db.Zones.AsNoTracking().Include(z => z.HostNames).FirstOrDefaultAsync(z => z.Slug == slug, cancellationToken);
        var current = record is null ? null : ZoneRegistry.ToDescriptor(record);
        return await _engine.ValidateAsync(recipe, current is null ? Fresh(slug) : PlanOf(current), current, cancellationToken);
    }

    /// <summary>The JSON schema of recipes for this host, with every step its modules contribute.</summary>
    public JsonObject RecipeSchema() => _engine.BuildSchema();

    /// <summary>Applies a recipe to an existing zone; re-applying the same recipe changes nothing.</summary>
    public async Task<RecipeApplyResult> ApplyAsync(string slug, RecipeDocument recipe, string? actor, CancellationToken cancellationToken = default)
    {
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        var record = await db.Zones.Include(z => z.HostNames).FirstOrDefaultAsync(z => z.Slug == slug && z.State != (int)ZoneState.Uninitialized, cancellationToken)
            ?? throw new ZoneNotFoundException(slug);
        var current = ZoneRegistry.ToDescriptor(record);
        var plan = PlanOf(current);
        var errors = await _engine.ValidateAsync(recipe, plan, current, cancellationToken);
        if (errors.Count > 0)
        {
            throw new RecipeValidationException(recipe.Name, errors);
        }

        var zone = Describe(plan, current.State, recipe, current.CreatedUtc, current.UpdatedUtc);
        await _activator.MigrateAsync(zone, plan.EnabledModules, cancellationToken);
        var changes = await _engine.ApplyAsync(recipe, PlanOf(current), zone, actor, cancellationToken);
        if (CopyPlan(plan, record, recipe, DateTime.UtcNow))
        {
            await db.SaveChangesAsync(cancellationToken);
            await _evictions.RegistryChangedAsync(cancellationToken);
        }

        if (changes.Count > 0)
        {
            await EvictAsync(slug, cancellationToken);
        }

        return new RecipeApplyResult(slug, Created: false, changes);
    }

    /// <summary>Writes the zone back as a recipe that re-applies cleanly to it.</summary>
    public async Task<JsonObject> ExportAsync(string slug, CancellationToken cancellationToken = default)
    {
        var zone = await _registry.FindBySlugAsync(slug, cancellationToken) is { State: not ZoneState.Uninitialized } found ? found : throw new ZoneNotFoundException(slug);
        _registry.Invalidate();
        var steps = await _engine.ExportStepsAsync(zone, PlanOf(zone), cancellationToken);
        return new JsonObject
        {
            ["name"] = zone.RecipeName ?? "zona-" + zone.Slug,
            ["displayName"] = zone.DisplayName,
            ["description"] = $"Esportazione della zona «{zone.DisplayName}».",
            ["version"] = zone.RecipeVersion ?? "1.0.0",
            ["steps"] = new JsonArray(steps.Select(s => JsonNode.Parse(s.GetRawText())).ToArray()),
        };
    }

    /// <summary>Enables or disables modules of a zone with dependency resolution; refusals name the modules involved.</summary>
    public async Task<ModuleChange> ChangeModulesAsync(string slug, IEnumerable<string> enable, IEnumerable<string> disable, CancellationToken cancellationToken = default)
    {
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        var record = await db.Zones.FirstOrDefaultAsync(z => z.Slug == slug && z.State != (int)ZoneState.Uninitialized, cancellationToken)
            ?? throw new ZoneNotFoundException(slug);
        var change = _catalog.Enable(record.EnabledModules, enable);
        if (change.Succeeded && disable.Any())
        {
            change = _catalog.Disable(change.Modules, disable);
        }

        if (!change.Succeeded || change.Modules.SetEquals(record.EnabledModules))
        {
            return change;
        }

        var zone = ZoneRegistry.ToDescriptor(record) with { EnabledModules = new SortedSet<string>(change.Modules, StringComparer.Ordinal) };
        await _activator.MigrateAsync(zone, change.Modules, cancellationToken);
        record.EnabledModules = change.Modules.ToList();
        record.UpdatedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await _evictions.RegistryChangedAsync(cancellationToken);
        await EvictAsync(slug, cancellationToken);
        return change;
    }

    public async Task SetStateAsync(string slug, ZoneState state, CancellationToken cancellationToken = default)
    {
        await using var db = await _platform.CreateDbContextAsync(cancellationToken);
        var record = await db.Zones.FirstOrDefaultAsync(z => z.Slug == slug && z.State != (int)ZoneState.Uninitialized, cancellationToken)
            ?? throw new ZoneNotFoundException(slug);
        if (record.State != (int)state)
        {
            record.State = (int)state;
            record.UpdatedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            await _evictions.RegistryChangedAsync(cancellationToken);
            await EvictAsync(slug, cancellationToken);
        }
    }

    /// <summary>Drops the zone's cached public pages after its registry entry or data changed.</summary>
    private async Task EvictAsync(string slug, CancellationToken cancellationToken) =>
        await _evictions.EvictZoneAsync(slug, cancellationToken);

    private static ZonePlan PlanOf(ZoneDescriptor zone)
    {
        var plan = new ZonePlan { Slug = zone.Slug, DisplayName = zone.DisplayName };
        plan.HostNames.AddRange(zone.HostNames);
        plan.Comuni.AddRange(zone.Comuni);
        plan.EnabledModules.UnionWith(zone.EnabledModules);
        return plan;
    }

    private static ZonePlan Fresh(string slug) => new() { Slug = slug, DisplayName = slug };

    private static ZoneDescriptor Describe(ZonePlan plan, ZoneState state, RecipeDocument recipe, DateTime created, DateTime updated) => new(
        plan.Slug,
        plan.DisplayName,
        state,
        plan.HostNames.ToList(),
        plan.Comuni.ToList(),
        new SortedSet<string>(plan.EnabledModules, StringComparer.Ordinal),
        recipe.Name,
        recipe.Version,
        created,
        updated);

    /// <summary>Copies the plan onto the registry row; returns whether anything changed.</summary>
    private static bool CopyPlan(ZonePlan plan, ZoneRecord record, RecipeDocument recipe, DateTime now)
    {
        var changed = record.DisplayName != plan.DisplayName
            || !record.Comuni.SequenceEqual(plan.Comuni)
            || !record.EnabledModules.SequenceEqual(plan.EnabledModules)
            || !record.HostNames.Select(h => h.Host).Order(StringComparer.Ordinal).SequenceEqual(plan.HostNames)
            || record.RecipeName != recipe.Name
            || record.RecipeVersion != recipe.Version
            || record.State == (int)ZoneState.Uninitialized;
        if (!changed)
        {
            return false;
        }

        record.DisplayName = plan.DisplayName;
        record.Comuni = plan.Comuni.ToList();
        record.EnabledModules = plan.EnabledModules.ToList();
        record.HostNames.RemoveAll(h => !plan.HostNames.Contains(h.Host));
        record.HostNames.AddRange(plan.HostNames.Where(h => record.HostNames.All(r => r.Host != h)).Select(h => new ZoneHostRecord { Host = h, Slug = record.Slug }));
        record.RecipeName = recipe.Name;
        record.RecipeVersion = recipe.Version;
        if (record.State == (int)ZoneState.Uninitialized)
        {
            record.State = (int)ZoneState.Running;
        }

        record.UpdatedUtc = now;
        return true;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();

    public static string Serialize(JsonObject recipe) => recipe.ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
