using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>The permissions of the Contents module and what the standard roles get by default.</summary>
internal sealed class ContentsPermissions : IPermissionProvider
{
    public static readonly Permission EditContent = new("EditContent", "Creare e modificare bozze di contenuti, vederne l'anteprima e la cronologia", ContentsIds.Module);
    public static readonly Permission PublishContent = new("PublishContent", "Pubblicare e ritirare contenuti", ContentsIds.Module);
    public static readonly Permission DeleteContent = new("DeleteContent", "Eliminare contenuti", ContentsIds.Module);
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "Gestire tipi di contenuto e tassonomie", ContentsIds.Module);
    public static readonly Permission ViewAuditTrail = new("ViewAuditTrail", "Consultare il registro delle attività sui contenuti", ContentsIds.Module);

    public IEnumerable<Permission> GetPermissions() => [EditContent, PublishContent, DeleteContent, ManageContentTypes, ViewAuditTrail];

    public IEnumerable<KeyValuePair<string, IEnumerable<Permission>>> GetDefaultGrants() =>
    [
        new(StandardRoles.Amministratore, [EditContent, PublishContent, DeleteContent, ManageContentTypes, ViewAuditTrail]),
        new(StandardRoles.UfficioDiPiano, [EditContent, PublishContent, DeleteContent, ViewAuditTrail]),
        new(StandardRoles.Redattore, [EditContent]),
        new(StandardRoles.ReferenteServizio, [EditContent]),
    ];
}

/// <summary>The module's admin menu entries.</summary>
internal sealed class ContentsAdminMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(ContentsIds.Module, "Contenuti", "admin/contents", ContentsPermissions.EditContent, Order: 10, Group: "Contenuti"),
        new(ContentsIds.Module, "Tipi di contenuto", "admin/content-types", ContentsPermissions.ManageContentTypes, Order: 20, Group: "Contenuti"),
        new(ContentsIds.Module, "Tassonomie", "admin/taxonomies", ContentsPermissions.ManageContentTypes, Order: 21, Group: "Contenuti"),
        new(ContentsIds.Module, "Registro attività", "admin/audit", ContentsPermissions.ViewAuditTrail, Order: 30, Group: "Contenuti"),
    ];
}

internal static class ContentsIds
{
    public const string Module = "contents";
}
