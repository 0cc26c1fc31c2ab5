using System.ComponentModel.DataAnnotations;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Drivers;

/// <summary>Edits and shows an organization (Ente): its kind, a description in markdown, its contacts.</summary>
internal sealed class OrganizationPartDriver : ContentPartDriver<OrganizationPart, OrganizationPartDriver.EditModel>
{
    public override string ModuleId => BussolaModule.Id;

    protected override string? EditorTitle => "Ente";

    protected override string EditorView => "~/Views/Bussola/Parts/OrganizationPart.Edit.cshtml";

    protected override Task<EditModel> BuildEditorAsync(OrganizationPart part, PartEditorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new EditModel { Type = part.Type, Description = part.Description, Contacts = ContactModel.From(part.Contacts) });

    protected override Task UpdatePartAsync(OrganizationPart part, EditModel model, PartUpdateContext context, CancellationToken cancellationToken)
    {
        part.Type = BussolaRules.Clean(model.Type);
        part.Description = BussolaRules.CleanText(model.Description);
        part.Contacts = BussolaRules.Contacts(model.Contacts);
        return Task.CompletedTask;
    }

    protected override Task<PartDisplay?> BuildDisplayAsync(OrganizationPart part, ContentItem item, PartDisplayContext context, CancellationToken cancellationToken) =>
        Task.FromResult<PartDisplay?>(new PartDisplay(PartName, "~/Views/Bussola/Parts/OrganizationPart.Display.cshtml", part));

    internal sealed class EditModel
    {
        [Display(Name = "Tipo di ente")]
        public string? Type { get; set; }

        [Display(Name = "Descrizione")]
        public string? Description { get; set; }

        public ContactModel Contacts { get; set; } = new();
    }
}
