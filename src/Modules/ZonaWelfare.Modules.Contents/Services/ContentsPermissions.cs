using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>The permissions of the Contents module and what the standard roles get by default.</summary>
internal sealed class ContentsPermissions : IPermissionProvider
{
    public const string EditContentName = "EditContent";

    public static readonly Permission EditContent = new(EditContentName, "Creare e modificare bozze di contenuti, vederne l'anteprima e la cronologia", ContentsIds.Module);
    public const string PublishContentName = "PublishContent";

    public static readonly Permission PublishContent = new(PublishContentName, "Pubblicare e ritirare contenuti", ContentsIds.Module);
    public const string DeleteContentName = "DeleteContent";

    public static readonly Permission DeleteContent = new(DeleteContentName, "Eliminare contenuti", ContentsIds.Module);
    public const string ManageContentTypesName = "ManageContentTypes";

    public static readonly Permission ManageContentTypes = new(ManageContentTypesName, "Gestire tipi di contenuto e tassonomie", ContentsIds.Module);
    public const string ViewAuditTrailName = "ViewAuditTrail";

    public static readonly Permission ViewAuditTrail = new(ViewAuditTrailName, "Consultare il registro delle attività sui contenuti", ContentsIds.Module);

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
