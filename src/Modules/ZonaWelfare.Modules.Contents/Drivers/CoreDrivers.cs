using System.ComponentModel.DataAnnotations;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Drivers;

/// <summary>The title input. Its rules (required, 200 characters) are the document's, in <see cref="ContentValidator"/>.</summary>
internal sealed class TitlePartDriver : ContentPartDriver<TitlePart, TitlePartDriver.EditModel>
{
    public override string ModuleId => ContentsIds.Module;

    protected override string EditorView => "~/Views/Contents/Parts/TitlePart.Edit.cshtml";

    protected override Task<EditModel> BuildEditorAsync(TitlePart part, PartEditorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EditModel { Title = part.Title });

    protected override Task UpdatePartAsync(TitlePart part, EditModel model, PartUpdateContext context, CancellationToken cancellationToken)
    {
        part.Title = model.Title?.Trim() ?? "";
        return Task.CompletedTask;
    }

    internal sealed class EditModel
    {
        [Display(Name = "Titolo")]
        public string? Title { get; set; }
    }
}

/// <summary>The slug of the public address, shown only when the type has an address pattern.</summary>
internal sealed class AutoroutePartDriver(ContentDefinitionStore definitions) : ContentPartDriver<AutoroutePart, AutoroutePartDriver.EditModel>
{
    public override string ModuleId => ContentsIds.Module;

    protected override string EditorView => "~/Views/Contents/Parts/AutoroutePart.Edit.cshtml";

    protected override async Task<EditModel> BuildEditorAsync(AutoroutePart part, PartEditorContext context, CancellationToken cancellationToken) =>
        new() { Slug = part.Slug, Pattern = await PatternAsync(context, cancellationToken) };

    protected override Task UpdatePartAsync(AutoroutePart part, EditModel model, PartUpdateContext context, CancellationToken cancellationToken)
    {
        // Empty means "from the title": the document's normal form fills it in.
        part.Slug = string.IsNullOrWhiteSpace(model.Slug) ? null : model.Slug.Trim();
        return Task.CompletedTask;
    }

    protected override async Task<EditModel> CompleteEditorAsync(EditModel posted, AutoroutePart part, PartEditorContext context, CancellationToken cancellationToken)
    {
        posted.Pattern = await PatternAsync(context, cancellationToken);
        return posted;
    }

    private async Task<string?> PatternAsync(PartEditorContext context, CancellationToken cancellationToken) =>
        (await definitions.GetTypeAsync(context.ContentType, cancellationToken))?.EffectiveSettings.RoutePattern;

    internal sealed class EditModel
    {
        [Display(Name = "Indirizzo")]
        public string? Slug { get; set; }

        /// <summary>The type's address pattern, e.g. <c>servizi/{slug}</c>; null when items have no public page.</summary>
        public string? Pattern { get; set; }
    }
}

/// <summary>Whether and how a published item appears in the zone's menu.</summary>
internal sealed class MenuPartDriver : ContentPartDriver<MenuPart, MenuPartDriver.EditModel>
{
    public override string ModuleId => ContentsIds.Module;

    protected override string? EditorTitle => "Menu del sito";

    protected override string EditorView => "~/Views/Contents/Parts/MenuPart.Edit.cshtml";

    protected override Task<EditModel> BuildEditorAsync(MenuPart part, PartEditorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EditModel { ShowInMenu = part.ShowInMenu, MenuText = part.MenuText, Order = part.Order });

    protected override Task UpdatePartAsync(MenuPart part, EditModel model, PartUpdateContext context, CancellationToken cancellationToken)
    {
        part.ShowInMenu = model.ShowInMenu;
        part.MenuText = string.IsNullOrWhiteSpace(model.MenuText) ? null : model.MenuText.Trim();
        part.Order = model.Order ?? 100;
        return Task.CompletedTask;
    }

    internal sealed class EditModel
    {
        [Display(Name = "Mostra nel menu")]
        public bool ShowInMenu { get; set; }

        [Display(Name = "Testo nel menu")]
        public string? MenuText { get; set; }

        [Display(Name = "Posizione nel menu")]
        public int? Order { get; set; } = 100;
    }
}
