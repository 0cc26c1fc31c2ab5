using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Security;

namespace ZonaWelfare.Modules.Users.Recipes;

/// <summary>
/// The <c>users</c> step: the zone's users and their roles, created or updated by user name. A password is
/// for example and demo recipes only; it is set when the user is created and never exported.
/// </summary>
internal sealed class UsersStep(TimeProvider clock) : RecipeStep<UsersStep.Model>
{
    public const string StepName = "users";

    private static readonly EmailAddressAttribute EmailFormat = new();

    public override string Name => StepName;

    public override string? ModuleId => UsersModule.Id;

    public override int ExportOrder => 40;

    internal sealed record Model(IReadOnlyList<UserModel> Users);

    internal sealed record UserModel(string UserName, string Email, IReadOnlyList<string> Roles, string? DisplayName = null, string? Password = null);

    public override JsonObject GetSchema()
    {
        var schema = base.GetSchema();
        schema["description"] = "Utenti della zona, creati o aggiornati per nome utente, con i loro ruoli (definiti nella zona o in un passo 'roles' precedente). L'esportazione non contiene mai password.";
        if (schema["properties"]?["users"]?["items"]?["properties"]?["password"] is JsonObject password)
        {
            password["description"] = "Solo per ricette di esempio o dimostrative: mai password reali in una ricetta. Impostata solo quando l'utente viene creato; deve rispettare le regole delle password della zona.";
        }

        return schema;
    }

    protected override async Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        var services = context.Services;
        var options = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var policy = services.GetRequiredService<PasswordPolicy>();
        var recipeRoles = services.GetRequiredService<RecipeRoleNames>();
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var existing = await ZoneUsersStore.ExistingAsync(services, cancellationToken);
        var zoneRoles = existing is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await existing.Roles.AsNoTracking().Select(r => r.NormalizedName!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var userNames = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Users.Count; i++)
        {
            var user = model.Users[i];
            var path = $"users[{i}]";
            var userName = user.UserName.Trim();
            if (userName.Length is 0 or > 256 || userName.Any(c => !options.User.AllowedUserNameCharacters.Contains(c)))
            {
                context.AddError(path + ".userName", $"il nome utente '{user.UserName}' non è valido: da 1 a 256 caratteri tra lettere senza accenti, cifre e - . _ @ +.");
            }
            else if (!userNames.Add(normalizer.NormalizeName(userName)))
            {
                context.AddError(path + ".userName", $"l'utente '{userName}' compare due volte.");
            }

            var email = user.Email.Trim();
            if (email.Length is 0 or > 256 || !EmailFormat.IsValid(email))
            {
                context.AddError(path + ".email", $"l'indirizzo e-mail '{user.Email}' non è valido.");
            }
            else if (!emails.Add(normalizer.NormalizeEmail(email)))
            {
                context.AddError(path + ".email", $"l'indirizzo e-mail '{email}' compare due volte: ogni utente ne ha uno suo.");
            }
            else if (existing is not null)
            {
                var normalizedEmail = normalizer.NormalizeEmail(email);
                var normalizedName = normalizer.NormalizeName(userName);
                var owner = await existing.Users.AsNoTracking()
                    .Where(u => u.NormalizedEmail == normalizedEmail && u.NormalizedUserName != normalizedName)
                    .Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
                if (owner is not null)
                {
                    context.AddError(path + ".email", $"l'indirizzo e-mail '{email}' è già usato dall'utente '{owner}'.");
                }
            }

            if (user.DisplayName is { Length: > 200 })
            {
                context.AddError(path + ".displayName", "il nome visualizzato può avere al massimo 200 caratteri.");
            }

            var roles = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < user.Roles.Count; j++)
            {
                var role = user.Roles[j];
                if (!recipeRoles.Contains(role) && !zoneRoles.Contains(normalizer.NormalizeName(role.Trim())))
                {
                    context.AddError($"{path}.roles[{j}]", $"il ruolo '{role}' non esiste nella zona né è definito prima nella ricetta (passo 'roles').");
                }
                else if (!roles.Add(normalizer.NormalizeName(role.Trim())))
                {
                    context.AddError($"{path}.roles[{j}]", $"il ruolo '{role}' compare due volte.");
                }
            }

            if (user.Password is { } password && policy.Check(password) is { Count: > 0 } problems)
            {
                context.AddError(path + ".password", "password troppo debole: " + string.Join(" ", problems));
            }
        }
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var users = context.Services.GetRequiredService<UserManager<ZoneUser>>();
        var normalizer = context.Services.GetRequiredService<ILookupNormalizer>();
        foreach (var entry in model.Users)
        {
            var userName = entry.UserName.Trim();
            var email = entry.Email.Trim();
            var displayName = string.IsNullOrWhiteSpace(entry.DisplayName) ? null : entry.DisplayName.Trim();
            var wantedRoles = entry.Roles.Select(r => r.Trim()).ToList();
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new ZoneUser { UserName = userName, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
                IdentityResults.Ensure(entry.Password is { } password ? await users.CreateAsync(user, password) : await users.CreateAsync(user), $"utente «{userName}»");
                if (wantedRoles.Count > 0)
                {
                    IdentityResults.Ensure(await users.AddToRolesAsync(user, wantedRoles), $"utente «{userName}»");
                }

                context.RecordChange($"utente «{userName}» creato");
                continue;
            }

            var changed = false;
            if (!string.Equals(user.Email, email, StringComparison.Ordinal))
            {
                user.Email = email;
                user.NormalizedEmail = normalizer.NormalizeEmail(email);
                user.EmailConfirmed = true;
                changed = true;
            }

            if (entry.DisplayName is not null && user.DisplayName != displayName)
            {
                user.DisplayName = displayName;
                changed = true;
            }

            if (changed)
            {
                IdentityResults.Ensure(await users.UpdateAsync(user), $"utente «{userName}»");
                context.RecordChange($"utente «{userName}»: dati");
            }

            var current = await users.GetRolesAsync(user);
            var wanted = wantedRoles.Select(normalizer.NormalizeName).ToHashSet(StringComparer.Ordinal);
            var removed = current.Where(r => !wanted.Contains(normalizer.NormalizeName(r))).ToList();
            var have = current.Select(normalizer.NormalizeName).ToHashSet(StringComparer.Ordinal);
            var added = wantedRoles.Where(r => !have.Contains(normalizer.NormalizeName(r))).ToList();
            if (removed.Count > 0)
            {
                IdentityResults.Ensure(await users.RemoveFromRolesAsync(user, removed), $"utente «{userName}»");
            }

            if (added.Count > 0)
            {
                IdentityResults.Ensure(await users.AddToRolesAsync(user, added), $"utente «{userName}»");
            }

            if (removed.Count > 0 || added.Count > 0)
            {
                context.RecordChange($"utente «{userName}»: ruoli");
            }
        }
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<UsersDbContext>();
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        if (users.Count == 0)
        {
            return null;
        }

        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var rolesOf = roles.ToLookup(r => r.UserId, r => r.Name!, StringComparer.Ordinal);
        return new Model(users
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new UserModel(u.UserName!, u.Email ?? "", rolesOf[u.Id].Order(StringComparer.CurrentCulture).ToList(), u.DisplayName))
            .ToList());
    }
}
