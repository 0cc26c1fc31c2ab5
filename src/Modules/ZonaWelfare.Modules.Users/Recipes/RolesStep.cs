using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Users.Security;
using ZonaWelfare.Modules.Users.Services;

namespace ZonaWelfare.Modules.Users.Recipes;

/// <summary>The <c>roles</c> step: the zone's roles and their permissions, created or updated by name.</summary>
internal sealed class RolesStep : RecipeStep<RolesStep.Model>
{
    public const string StepName = "roles";

    public override string Name => StepName;

    public override string? ModuleId => UsersModule.Id;

    public override int ExportOrder => 30;

    internal sealed record Model(IReadOnlyList<RoleModel> Roles);

    internal sealed record RoleModel(string Name, string? Description = null, IReadOnlyList<string>? Permissions = null);

    public override JsonObject GetSchema()
    {
        var schema = base.GetSchema();
        schema["description"] = "Ruoli della zona, creati o aggiornati per nome. Riapplicare la ricetta non cambia nulla.";
        if (schema["properties"]?["roles"]?["items"]?["properties"]?["permissions"] is JsonObject permissions)
        {
            permissions["description"] = "Permessi del ruolo (nomi dichiarati dai moduli). Se manca, un ruolo standard nuovo riceve i permessi predefiniti dei moduli e un ruolo esistente mantiene i suoi. Non si indica per l'Amministratore, che ha sempre tutti i permessi.";
        }

        return schema;
    }

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var catalog = context.Services.GetRequiredService<PermissionCatalog>();
        var recipeRoles = context.Services.GetRequiredService<RecipeRoleNames>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < model.Roles.Count; i++)
        {
            var role = model.Roles[i];
            var path = $"roles[{i}]";
            if (string.IsNullOrWhiteSpace(role.Name) || role.Name.Trim().Length > 256)
            {
                context.AddError(path + ".name", "il nome del ruolo è obbligatorio (al massimo 256 caratteri).");
            }
            else if (!seen.Add(role.Name.Trim()))
            {
                context.AddError(path + ".name", $"il ruolo '{role.Name}' compare due volte.");
            }

            if (role.Description is { Length: > 500 })
            {
                context.AddError(path + ".description", "la descrizione del ruolo può avere al massimo 500 caratteri.");
            }

            if (role.Permissions is { } permissions)
            {
                if (PermissionCatalog.IsAdministrator(role.Name))
                {
                    context.AddError(path + ".permissions", "l'Amministratore ha sempre tutti i permessi: togli 'permissions'.");
                }
                else
                {
                    CheckPermissions(permissions, path + ".permissions", catalog, context);
                }
            }

            if (!string.IsNullOrWhiteSpace(role.Name))
            {
                recipeRoles.Add(role.Name);
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var roles = context.Services.GetRequiredService<RoleService>();
        foreach (var entry in model.Roles)
        {
            var name = entry.Name.Trim();
            var description = string.IsNullOrWhiteSpace(entry.Description) ? null : entry.Description.Trim();
            var existing = await roles.Manager.FindByNameAsync(name);
            if (existing is null)
            {
                var (_, result) = await roles.CreateAsync(name, description, entry.Permissions, cancellationToken);
                IdentityResults.Ensure(result, $"ruolo «{name}»");
                context.RecordChange($"ruolo «{name}» creato");
                continue;
            }

            if (entry.Description is not null && existing.Description != description)
            {
                existing.Description = description;
                IdentityResults.Ensure(await roles.Manager.UpdateAsync(existing), $"ruolo «{name}»");
                context.RecordChange($"ruolo «{name}»: descrizione");
            }

            if (entry.Permissions is { } permissions && await roles.SetPermissionsAsync(existing.Id, permissions, cancellationToken))
            {
                context.RecordChange($"ruolo «{name}»: permessi");
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var roles = context.Services.GetRequiredService<RoleService>();
        var catalog = context.Services.GetRequiredService<PermissionCatalog>();
        var all = await roles.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return null;
        }

        var granted = await roles.PermissionsByRoleAsync(cancellationToken);
        return new Model(all.Select(r => new RoleModel(
            r.Name!,
            r.Description,
            PermissionCatalog.IsAdministrator(r.Name)
                ? null
                : granted.GetValueOrDefault(r.Id, []).Where(catalog.Contains).Order(StringComparer.Ordinal).ToList())).ToList());
    }

    private static void CheckPermissions(IReadOnlyList<string> permissions, string path, PermissionCatalog catalog, RecipeValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < permissions.Count; j++)
        {
            if (!catalog.Contains(permissions[j]))
            {
                var known = string.Join(", ", catalog.Names.Order(StringComparer.Ordinal));
                context.AddError($"{path}[{j}]", $"il permesso '{permissions[j]}' non esiste. Permessi disponibili: {known}.");
            }
            else if (!seen.Add(permissions[j]))
            {
                context.AddError($"{path}[{j}]", $"il permesso '{permissions[j]}' compare due volte.");
            }
        }
    }
}

internal static class IdentityResults
{
    /// <summary>Identity refused a write that validation should have caught: stop the recipe, which rolls back.</summary>
    public static void Ensure(Microsoft.AspNetCore.Identity.IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
