using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Users.Security;
using ZonaWelfare.Modules.Users.Services;

namespace ZonaWelfare.Modules.Users.Controllers;

/// <summary>
/// The zone's roles and a checklist of the permissions of the enabled modules, grouped by module. A user may
/// grant or take away only permissions they hold themselves; the Amministratore always holds every one.
/// </summary>
[ZonePermission(UsersPermissions.ManageRolesName)]
[Route("/admin/roles")]
internal sealed class RolesAdminController(IZoneContext zoneContext, RoleService roleService, PermissionCatalog catalog, PermissionGrants grants) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/RolesAdmin/Index.cshtml", await PageAsync(cancellationToken));

    [HttpPost("new")]
    public async Task<IActionResult> Create(string? name, string? description, CancellationToken cancellationToken)
    {
        var page = await PageAsync(cancellationToken);
        page.NewName = name?.Trim();
        page.NewDescription = description?.Trim();
        if (string.IsNullOrWhiteSpace(name))
        {
            page.Errors.Add("Name", "Il nome del ruolo è obbligatorio.");
        }
        else if (name.Trim().Length > 256)
        {
            page.Errors.Add("Name", "Il nome del ruolo può avere al massimo 256 caratteri.");
        }

        if (description is { Length: > 500 })
        {
            page.Errors.Add("Description", "La descrizione può avere al massimo 500 caratteri.");
        }

        if (!page.Errors.Any)
        {
            var (role, result) = await roleService.CreateAsync(name!, description, permissions: null, cancellationToken);
            foreach (var error in result.Errors)
            {
                page.Errors.Add("Name", error.Description);
            }

            if (role is not null)
            {
                TempData["Message"] = $"Ruolo «{role.Name}» creato: scegli i suoi permessi.";
                return Redirect(Url.Content($"~/admin/roles/{role.Id}"));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/RolesAdmin/Index.cshtml", page);
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken) =>
        await EditorAsync(id, cancellationToken) is { } editor ? View("~/Views/RolesAdmin/Edit.cshtml", editor) : NotFound();

    [HttpPost("{id}")]
    public async Task<IActionResult> Save(string id, string? description, string[]? permissions, CancellationToken cancellationToken)
    {
        if (await roleService.Manager.FindByIdAsync(id) is not { } role || await EditorAsync(id, cancellationToken) is not { } editor)
        {
            return NotFound();
        }

        editor.Description = description?.Trim();
        if (description is { Length: > 500 })
        {
            editor.Errors.Add("Description", "La descrizione può avere al massimo 500 caratteri.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/RolesAdmin/Edit.cshtml", editor);
        }

        var newDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        var changed = false;
        if (role.Description != newDescription)
        {
            role.Description = newDescription;
            var result = await roleService.Manager.UpdateAsync(role);
            foreach (var error in result.Errors)
            {
                editor.Errors.Add("Description", error.Description);
            }

            changed = result.Succeeded;
        }

        if (!editor.IsAdministrator && !editor.Errors.Any)
        {
            // Only permissions shown on the page and held by the signed-in user change; the others stay as they are.
            var submitted = (permissions ?? []).ToHashSet(StringComparer.Ordinal);
            var shown = editor.Groups.SelectMany(g => g.Permissions).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var granted = editor.Granted.Where(p => !shown.Contains(p) || !editor.Editable.Has(p))
                .Concat(shown.Where(p => editor.Editable.Has(p) && submitted.Contains(p)));
            changed |= await roleService.SetPermissionsAsync(role.Id, granted, cancellationToken);
        }

        if (editor.Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/RolesAdmin/Edit.cshtml", editor);
        }

        TempData["Message"] = changed ? $"Ruolo «{role.Name}» salvato." : "Nessuna modifica.";
        return Redirect(Url.Content($"~/admin/roles/{role.Id}"));
    }

    private async Task<RolesPage> PageAsync(CancellationToken cancellationToken)
    {
        var roles = await roleService.ListAsync(cancellationToken);
        var permissions = await roleService.PermissionsByRoleAsync(cancellationToken);
        var users = await roleService.UserCountsAsync(cancellationToken);
        var visible = catalog.Groups(zoneContext.Current.IsModuleEnabled).SelectMany(g => g.Permissions).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return new RolesPage
        {
            Roles = roles.Select(r => new RoleRow(
                r.Id,
                r.Name!,
                r.Description,
                users.GetValueOrDefault(r.Id),
                PermissionCatalog.IsAdministrator(r.Name) ? visible.Count : permissions.GetValueOrDefault(r.Id, []).Count(visible.Contains),
                PermissionCatalog.IsAdministrator(r.Name))).ToList(),
        };
    }

    private async Task<RoleEditor?> EditorAsync(string id, CancellationToken cancellationToken)
    {
        var role = await roleService.Manager.FindByIdAsync(id);
        if (role is null)
        {
            return null;
        }

        var isAdministrator = PermissionCatalog.IsAdministrator(role.Name);
        var groups = catalog.Groups(zoneContext.Current.IsModuleEnabled);
        return new RoleEditor
        {
            Id = role.Id,
            Name = role.Name!,
            Description = role.Description,
            IsAdministrator = isAdministrator,
            Groups = groups,
            Granted = isAdministrator
                ? groups.SelectMany(g => g.Permissions).Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                : await roleService.PermissionsOfAsync(role.Id, cancellationToken),
            Editable = await grants.OfAsync(User, cancellationToken),
        };
    }
}
