using System.Text.Json;

namespace ZonaWelfare.Abstractions.Contents.Display;

/// <summary>
/// Edits, validates and shows one typed part; the module that owns the part registers it with
/// <c>services.AddContentPartDriver&lt;TDriver&gt;()</c>. The Contents editor composes the drivers of a type's
/// parts in the order of the type definition; a part without a driver is kept exactly as stored.
/// Most drivers derive from <see cref="ContentPartDriver{TPart, TModel}"/>.
/// </summary>
public interface IContentPartDriver
{
    /// <summary>The name the part is stored under (its class name).</summary>
    string PartName { get; }

    /// <summary>The module that owns the part; the platform uses the driver only where it is enabled.</summary>
    string ModuleId { get; }

    /// <summary>The part's editor, filled from the stored item.</summary>
    Task<PartEditor> EditAsync(ContentItem item, PartEditorContext context, CancellationToken cancellationToken);

    /// <summary>Reads the posted editor into the item's part and returns the editor to show again (with the posted values).</summary>
    Task<PartEditor> UpdateAsync(ContentItem item, IPartUpdater updater, PartEditorContext context, CancellationToken cancellationToken);

    /// <summary>What citizens see of the part on the item's page, or null when the part shows nothing.</summary>
    Task<PartDisplay?> DisplayAsync(ContentItem item, PartDisplayContext context, CancellationToken cancellationToken);

    /// <summary>A short note for the admin content list (e.g. how complete the part is), or null.</summary>
    PartSummary? Summarize(ContentItem item);
}

/// <summary>
/// A driver over a typed part and a typed editor model. The editor view is a Razor partial of the owning
/// module whose model is <typeparamref name="TModel"/>; its inputs are bound under the prefix <see cref="PartName"/>
/// (<c>asp-for</c> does it), so <c>ServicePart.WhoFor</c> is the input of <c>WhoFor</c>.
/// </summary>
public abstract class ContentPartDriver<TPart, TModel> : IContentPartDriver
    where TPart : ContentPart, new()
    where TModel : class, new()
{
    public string PartName => typeof(TPart).Name;

    public abstract string ModuleId { get; }

    /// <summary>The editor's heading (Italian), e.g. "Scheda del servizio"; null for a part shown without one (a title input).</summary>
    protected virtual string? EditorTitle => null;

    /// <summary>The Razor partial of the editor, e.g. <c>~/Views/Parts/ServicePart.Edit.cshtml</c>.</summary>
    protected abstract string EditorView { get; }

    public async Task<PartEditor> EditAsync(ContentItem item, PartEditorContext context, CancellationToken cancellationToken)
    {
        var part = item.As<TPart>() ?? new TPart();
        return Editor(await BuildEditorAsync(part, context, cancellationToken));
    }

    public async Task<PartEditor> UpdateAsync(ContentItem item, IPartUpdater updater, PartEditorContext context, CancellationToken cancellationToken)
    {
        var part = item.As<TPart>() ?? new TPart();
        var model = new TModel();
        await updater.TryUpdateModelAsync(model, PartName);
        await UpdatePartAsync(part, model, new PartUpdateContext(updater, PartName, context), cancellationToken);
        item.Apply(part);
        // The posted values are shown again; lookups (pickers, lists) come from the driver.
        return Editor(await CompleteEditorAsync(model, part, context, cancellationToken));
    }

    public async Task<PartDisplay?> DisplayAsync(ContentItem item, PartDisplayContext context, CancellationToken cancellationToken) =>
        item.As<TPart>() is { } part ? await BuildDisplayAsync(part, item, context, cancellationToken) : null;

    public PartSummary? Summarize(ContentItem item) => item.As<TPart>() is { } part ? Summarize(part, item) : null;

    /// <summary>The editor model of a stored part (with the lookups the view needs).</summary>
    protected abstract Task<TModel> BuildEditorAsync(TPart part, PartEditorContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the posted model into the part. Report what cannot be read with <see cref="PartUpdateContext.AddError"/>;
    /// rules that hold for every document belong in the part's <see cref="ContentPartValidator{TPart}"/>, which the platform runs after.
    /// </summary>
    protected abstract Task UpdatePartAsync(TPart part, TModel model, PartUpdateContext context, CancellationToken cancellationToken);

    /// <summary>Adds to a posted model what the form does not post (lookups); by default nothing.</summary>
    protected virtual Task<TModel> CompleteEditorAsync(TModel posted, TPart part, PartEditorContext context, CancellationToken cancellationToken) =>
        Task.FromResult(posted);

    protected virtual Task<PartDisplay?> BuildDisplayAsync(TPart part, ContentItem item, PartDisplayContext context, CancellationToken cancellationToken) =>
        Task.FromResult<PartDisplay?>(null);

    protected virtual PartSummary? Summarize(TPart part, ContentItem item) => null;

    private PartEditor Editor(TModel model) => new(PartName, EditorTitle, EditorView, model);
}

/// <summary>
/// Checks a part of a document, whatever wrote it (editor, recipe, import); registered with
/// <c>services.AddContentPartValidator&lt;TValidator&gt;()</c>. Validators run also while a recipe for a new zone is
/// checked, before the zone's database exists: they judge the part alone and depend on no zone data.
/// </summary>
public interface IContentPartValidator
{
    string PartName { get; }

    /// <summary>The module that owns the part; the platform uses the validator only where it is enabled.</summary>
    string ModuleId { get; }

    Task ValidateAsync(ContentItem item, PartValidationContext context, CancellationToken cancellationToken);
}

/// <summary>A validator of a typed part; report problems by property path (<c>nameof(TPart.X)</c>, nested as <c>Contacts.Email</c>).</summary>
public abstract class ContentPartValidator<TPart> : IContentPartValidator
    where TPart : ContentPart
{
    public string PartName => typeof(TPart).Name;

    public abstract string ModuleId { get; }

    public Task ValidateAsync(ContentItem item, PartValidationContext context, CancellationToken cancellationToken) =>
        item.As<TPart>() is { } part ? ValidateAsync(part, context.For(PartName), cancellationToken) : Task.CompletedTask;

    protected abstract Task ValidateAsync(TPart part, PartProblems problems, CancellationToken cancellationToken);
}

/// <summary>A part's editor as the Contents editor renders it: a partial of the owning module, its model and its input prefix.</summary>
public sealed record PartEditor(string PartName, string? Title, string ViewName, object Model)
{
    /// <summary>The prefix of the editor's inputs (the part name).</summary>
    public string Prefix => PartName;
}

/// <summary>What a part shows on the item's page.</summary>
/// <param name="PartName">The part shown.</param>
/// <param name="ViewName">A Razor partial of the owning module.</param>
/// <param name="Model">The partial's model.</param>
public sealed record PartDisplay(string PartName, string ViewName, object Model)
{
    /// <summary>A partial rendered in the page's <c>&lt;head&gt;</c> (structured data, stylesheets), with the same model.</summary>
    public string? HeadViewName { get; init; }

    /// <summary>Links between the zone's home and the item in the breadcrumb, e.g. ("Bussola dei servizi", "bussola").</summary>
    public IReadOnlyList<BreadcrumbLink> Breadcrumb { get; init; } = [];

    /// <summary>Slots the display's view invites itself, at the place it chooses; the page does not render them again.</summary>
    public IReadOnlyList<IDisplaySlot> PlacesSlots { get; init; } = [];
}

/// <summary>A breadcrumb link; <see cref="Path"/> is relative to the zone root.</summary>
public sealed record BreadcrumbLink(string Text, string Path);

/// <summary>A note for the admin list, e.g. "11 di 13 sezioni compilate", with what is missing.</summary>
public sealed record PartSummary(string Text, IReadOnlyList<string> Missing, bool Complete);

/// <summary>What an editor knows of the item being edited.</summary>
public sealed record PartEditorContext(string ContentItemId, string ContentType, string TypeDisplayName, bool IsNew);

/// <summary>What a display knows: whether it is an editor's preview.</summary>
public sealed record PartDisplayContext(bool IsPreview);

/// <summary>Binds posted values into editor models and collects problems; implemented by the Contents editor.</summary>
public interface IPartUpdater
{
    /// <summary>Binds the values posted under <paramref name="prefix"/> into <paramref name="model"/> (conversion errors are reported in Italian).</summary>
    Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix)
        where TModel : class;

    /// <summary>Reports a problem of the input <c>{prefix}.{propertyPath}</c>.</summary>
    void AddError(string prefix, string propertyPath, string message);
}

/// <summary>What <see cref="ContentPartDriver{TPart, TModel}.UpdatePartAsync"/> may use.</summary>
public sealed class PartUpdateContext(IPartUpdater updater, string prefix, PartEditorContext editor)
{
    public PartEditorContext Editor { get; } = editor;

    /// <summary>Reports a problem of an input of the editor, by its model property (<c>nameof(Model.X)</c>).</summary>
    public void AddError(string property, string message) => updater.AddError(prefix, property, message);
}

/// <summary>Collects the problems of a document's parts; keys are JSON paths in the document (<c>parts.ServicePart.whoFor</c>).</summary>
public sealed class PartValidationContext
{
    private readonly List<(string Key, string Message)> _problems = [];

    public IReadOnlyList<(string Key, string Message)> Problems => _problems;

    /// <summary>The problems of one part.</summary>
    public PartProblems For(string partName) => new(this, partName);

    internal void Add(string key, string message) => _problems.Add((key, message));
}

/// <summary>Problems of one part, by property path (<c>WhoFor</c>, <c>Contacts.Email</c>, <c>OpeningHours[0].Opens</c>).</summary>
public sealed class PartProblems(PartValidationContext context, string partName)
{
    public void Add(string property, string message) => context.Add(ContentPaths.PartProperty(partName, property), message);
}

/// <summary>How problems of documents are addressed.</summary>
public static class ContentPaths
{
    /// <summary><c>parts.{part}.{property}</c> with the property in the document's (camelCase) spelling.</summary>
    public static string PartProperty(string partName, string property) =>
        $"parts.{partName}.{string.Join('.', property.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName))}";
}
