using ZonaWelfare.Modules.Users.Security;

namespace ZonaWelfare.Modules.Users.Controllers;

internal sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? ReturnUrl { get; set; }

    public string? Error { get; set; }

    public string? SignedInAs { get; set; }
}

/// <summary>Problems of a submitted form, by field name; the view shows each next to its field.</summary>
internal sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public IReadOnlyList<string> For(string field) => _errors.TryGetValue(field, out var list) ? list : [];

    public bool Has(string field) => _errors.ContainsKey(field);
}

internal sealed record RoleChoice(string Name, string? Description, bool Selected, bool Assignable);

internal sealed record UserRow(string Id, string UserName, string? DisplayName, string? Email, IReadOnlyList<string> Roles, string Status, bool Blocked);

internal sealed class NewUserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public IReadOnlyList<RoleChoice> Roles { get; set; } = [];

    public FormErrors Errors { get; } = new();
}

internal sealed class UserEditor
{
    public required string Id { get; init; }

    public required string UserName { get; init; }

    public string? DisplayName { get; init; }

    public string? Email { get; init; }

    public required string Status { get; init; }

    public bool Blocked { get; init; }

    public bool IsSelf { get; init; }

    public IReadOnlyList<RoleChoice> Roles { get; init; } = [];

    public FormErrors Errors { get; } = new();
}

internal sealed record RoleRow(string Id, string Name, string? Description, int Users, int Permissions, bool IsAdministrator);

internal sealed class RolesPage
{
    public IReadOnlyList<RoleRow> Roles { get; init; } = [];

    public string? NewName { get; set; }

    public string? NewDescription { get; set; }

    public FormErrors Errors { get; } = new();
}

internal sealed class RoleEditor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; set; }

    public bool IsAdministrator { get; init; }

    public IReadOnlyList<PermissionGroup> Groups { get; init; } = [];

    public IReadOnlySet<string> Granted { get; init; } = new HashSet<string>();

    /// <summary>Permissions the signed-in user holds, and so may grant or take away.</summary>
    public required Grants Editable { get; init; }

    public FormErrors Errors { get; } = new();
}
