using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Security;
using ZonaWelfare.Modules.Users.Services;

namespace ZonaWelfare.Modules.Users.Controllers;

/// <summary>
/// The zone's users: list, create with an initial password, roles, block and unblock, new password. A user
/// may give or take away only roles whose permissions they hold themselves.
/// </summary>
[ZonePermission(UsersPermissions.ManageUsersName)]
[Route("/admin/users")]
internal sealed class UsersAdminController(
    UserManager<ZoneUser> userManager,
    UsersDbContext db,
    IZoneDatabase database,
    RoleService roleService,
    PermissionGrants grants,
    TimeProvider clock) : Controller
{
    private static readonly TimeZoneInfo ItalianTime = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Rome", out var zone) ? zone : TimeZoneInfo.Utc;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesOf = roles.ToLookup(r => r.UserId, r => r.Name!, StringComparer.Ordinal);
        var rows = users
            .OrderBy(u => u.UserName, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Email, rolesOf[u.Id].Order(StringComparer.CurrentCulture).ToList(), Status(u), IsLocked(u)))
            .ToList();
        return View("~/Views/UsersAdmin/Index.cshtml", rows);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("~/Views/UsersAdmin/Create.cshtml", new NewUserForm { Roles = await RoleChoicesAsync([], cancellationToken) });

    [HttpPost("new")]
    public async Task<IActionResult> Create(string? userName, string? displayName, string? email, string? password, string[]? roles, CancellationToken cancellationToken)
    {
        var chosen = roles ?? [];
        var form = new NewUserForm { UserName = userName?.Trim(), DisplayName = displayName?.Trim(), Email = email?.Trim() };
        form.Roles = await RoleChoicesAsync(chosen, cancellationToken);
        if (string.IsNullOrWhiteSpace(userName))
        {
            form.Errors.Add("UserName", "Il nome utente è obbligatorio.");
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            form.Errors.Add("Email", "L'indirizzo e-mail è obbligatorio.");
        }

        if (string.IsNullOrEmpty(password))
        {
            form.Errors.Add("Password", "La password iniziale è obbligatoria.");
        }

        if (form.DisplayName is { Length: > 200 })
        {
            form.Errors.Add("DisplayName", "Il nome può avere al massimo 200 caratteri.");
        }

        CheckAssignable(form.Roles, chosen, form.Errors);
        if (!form.Errors.Any)
        {
            var user = new ZoneUser
            {
                UserName = form.UserName,
                Email = form.Email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrEmpty(form.DisplayName) ? null : form.DisplayName,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            var created = await userManager.CreateAsync(user, password!);
            AddErrors(created, form.Errors);
            if (created.Succeeded && chosen.Length > 0)
            {
                AddErrors(await userManager.AddToRolesAsync(user, chosen), form.Errors);
            }

            if (!form.Errors.Any)
            {
                await transaction.CommitAsync(cancellationToken);
                TempData["Message"] = $"Utente «{user.UserName}» creato.";
                return Redirect(Url.Content($"~/admin/users/{user.Id}"));
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Views/UsersAdmin/Create.cshtml", form);
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken) =>
        await userManager.FindByIdAsync(id) is { } user
            ? View("~/Views/UsersAdmin/Edit.cshtml", await EditorAsync(user, cancellationToken))
            : NotFound();

    [HttpPost("{id}/roles")]
    public async Task<IActionResult> SaveRoles(string id, string[]? roles, CancellationToken cancellationToken)
    {
        if (await userManager.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var wanted = (roles ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var current = (await userManager.GetRolesAsync(user)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var editor = await EditorAsync(user, cancellationToken);
        var changed = editor.Roles.Where(r => wanted.Contains(r.Name) != current.Contains(r.Name)).ToList();
        var refused = changed.Where(r => !r.Assignable).Select(r => r.Name).ToList();
        if (refused.Count > 0)
        {
            editor.Errors.Add("Roles", $"Non puoi assegnare o togliere i ruoli {string.Join(", ", refused.Select(r => $"«{r}»"))}: hanno permessi che tu non hai.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/UsersAdmin/Edit.cshtml", editor);
        }

        var add = changed.Where(r => wanted.Contains(r.Name)).Select(r => r.Name).ToList();
        var remove = changed.Where(r => !wanted.Contains(r.Name)).Select(r => r.Name).ToList();
        if (remove.Count > 0)
        {
            AddErrors(await userManager.RemoveFromRolesAsync(user, remove), editor.Errors, "Roles");
        }

        if (add.Count > 0 && !editor.Errors.Any)
        {
            AddErrors(await userManager.AddToRolesAsync(user, add), editor.Errors, "Roles");
        }

        if (editor.Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/UsersAdmin/Edit.cshtml", editor);
        }

        TempData["Message"] = changed.Count == 0 ? "Nessuna modifica ai ruoli." : $"Ruoli di «{user.UserName}» aggiornati.";
        return Redirect(Url.Content($"~/admin/users/{user.Id}"));
    }

    [HttpPost("{id}/lock")]
    public async Task<IActionResult> Lock(string id)
    {
        if (await userManager.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (grants.ZoneUserId(User) == user.Id)
        {
            TempData["Error"] = "Non puoi bloccare il tuo account.";
            return Redirect(Url.Content($"~/admin/users/{user.Id}"));
        }

        await userManager.SetLockoutEnabledAsync(user, true);
        await userManager.SetLockoutEndDateAsync(user, IdentityRules.BlockedByAdministrator);
        // A new stamp ends the sessions the user has open.
        await userManager.UpdateSecurityStampAsync(user);
        TempData["Message"] = $"Utente «{user.UserName}» bloccato: non può più accedere finché non lo sblocchi.";
        return Redirect(Url.Content($"~/admin/users/{user.Id}"));
    }

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id)
    {
        if (await userManager.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        TempData["Message"] = $"Utente «{user.UserName}» sbloccato.";
        return Redirect(Url.Content($"~/admin/users/{user.Id}"));
    }

    [HttpPost("{id}/password")]
    public async Task<IActionResult> ResetPassword(string id, string? newPassword, CancellationToken cancellationToken)
    {
        if (await userManager.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var editor = await EditorAsync(user, cancellationToken);
        if (string.IsNullOrEmpty(newPassword))
        {
            editor.Errors.Add("NewPassword", "Scrivi la nuova password.");
        }
        else
        {
            var token = await userManager.GeneratePasswordResetTokenAsync(user);
            AddErrors(await userManager.ResetPasswordAsync(user, token, newPassword), editor.Errors, "NewPassword");
        }

        if (editor.Errors.Any)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/UsersAdmin/Edit.cshtml", editor);
        }

        TempData["Message"] = $"Nuova password di «{user.UserName}» impostata: comunicala all'utente in modo sicuro.";
        return Redirect(Url.Content($"~/admin/users/{user.Id}"));
    }

    private async Task<UserEditor> EditorAsync(ZoneUser user, CancellationToken cancellationToken) => new()
    {
        Id = user.Id,
        UserName = user.UserName!,
        DisplayName = user.DisplayName,
        Email = user.Email,
        Status = Status(user),
        Blocked = IsLocked(user),
        IsSelf = grants.ZoneUserId(User) == user.Id,
        Roles = await RoleChoicesAsync(await userManager.GetRolesAsync(user), cancellationToken),
    };

    /// <summary>The zone's roles; assignable are those whose permissions the signed-in user holds.</summary>
    private async Task<IReadOnlyList<RoleChoice>> RoleChoicesAsync(IEnumerable<string> selected, CancellationToken cancellationToken)
    {
        var chosen = selected.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var actor = await grants.OfAsync(User, cancellationToken);
        var permissions = await roleService.PermissionsByRoleAsync(cancellationToken);
        return (await roleService.ListAsync(cancellationToken))
            .Select(r => new RoleChoice(
                r.Name!,
                r.Description,
                chosen.Contains(r.Name!),
                actor.All || (!PermissionCatalog.IsAdministrator(r.Name) && permissions.GetValueOrDefault(r.Id, []).All(actor.Has))))
            .ToList();
    }

    private static void CheckAssignable(IReadOnlyList<RoleChoice> roles, IEnumerable<string> chosen, FormErrors errors)
    {
        foreach (var name in chosen)
        {
            var role = roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (role is null)
            {
                errors.Add("Roles", $"Il ruolo «{name}» non esiste.");
            }
            else if (!role.Assignable)
            {
                errors.Add("Roles", $"Non puoi assegnare il ruolo «{role.Name}»: ha permessi che tu non hai.");
            }
        }
    }

    private static void AddErrors(IdentityResult result, FormErrors errors, string? field = null)
    {
        foreach (var error in result.Errors)
        {
            errors.Add(field ?? FieldOf(error.Code), error.Description);
        }
    }

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : code.Contains("Email", StringComparison.Ordinal) ? "Email"
        : code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
        : code.Contains("Role", StringComparison.Ordinal) ? "Roles"
        : "";

    private bool IsLocked(ZoneUser user) => user.LockoutEnd is { } end && end > clock.GetUtcNow();

    private string Status(ZoneUser user) =>
        !IsLocked(user) ? "Attivo"
        : user.LockoutEnd >= IdentityRules.BlockedByAdministrator ? "Bloccato da un amministratore"
        : $"Bloccato fino alle {TimeZoneInfo.ConvertTime(user.LockoutEnd!.Value, ItalianTime):HH:mm} (troppi tentativi)";
}
