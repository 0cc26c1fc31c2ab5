using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>The content list and the editor generated from each type's definition.</summary>
[ZoneAdmin]
[Route("admin/contents")]
public sealed class ContentItemsController : ContentsControllerBase
{
    private const int PageSize = 20;
    private const int PickerPageSize = 30;
    private const long MaxRequestBytes = (FieldRules.HardMaxSizeKb + 1024) * 1024L;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? type, string? status, string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var types = await Service<ContentDefinitionStore>().ListTypesAsync(cancellationToken);
        var listable = types.Where(t => t.EffectiveSettings.Listable).Select(t => t.Name).ToList();
        var query = Service<ContentsDbContext>().Items.AsNoTracking().Where(i => !i.Deleted && listable.Contains(i.ContentType));
        if (!string.IsNullOrEmpty(type))
        {
            query = query.Where(i => i.ContentType == type);
        }

        query = status switch
        {
            "bozza" => query.Where(i => i.HasDraft),
            "pubblicato" => query.Where(i => i.Published),
            _ => query,
        };
        var folded = TextFolding.Fold(q?.Trim());
        if (folded.Length > 0)
        {
            query = query.Where(i => i.SearchText.Contains(folded));
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderByDescending(i => i.ModifiedUtc).ThenBy(i => i.ContentItemId).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        // What the part drivers say of each listed item (e.g. a service's completeness), from one read of their latest versions.
        var drivers = Service<ContentPartDrivers>();
        var summaries = new Dictionary<string, IReadOnlyList<PartSummary>>(StringComparer.Ordinal);
        foreach (var latest in await Service<IContentManager>().GetManyAsync(items.Select(i => i.ContentItemId), VersionOptions.Latest, cancellationToken))
        {
            if (types.FirstOrDefault(t => t.Name == latest.ContentType) is { } itemType)
            {
                summaries[latest.ContentItemId] = drivers.For(itemType).Select(d => d.Summarize(latest)).OfType<PartSummary>().ToList();
            }
        }

        return View("~/Views/Contents/Items/Index.cshtml", new ContentListModel(types, items, summaries, type, status, q, page, total, PageSize, await CanAsync(ContentsPermissions.PublishContent)));
    }

    [HttpGet("new/{type}")]
    public async Task<IActionResult> Create(string type, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var definition = await Service<ContentDefinitionStore>().GetTypeAsync(type, cancellationToken);
        if (definition is null || !definition.EffectiveSettings.Creatable)
        {
            return NotFound();
        }

        var item = await Service<IContentManager>().NewAsync(type, cancellationToken);
        var model = await Service<ContentEditor>().BuildAsync(definition, item, isNew: true, cancellationToken);
        return await EditorAsync(model, null);
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var item = await Service<IContentManager>().GetAsync(id, VersionOptions.Latest, cancellationToken);
        var definition = item is null ? null : await Service<ContentDefinitionStore>().GetTypeAsync(item.ContentType, cancellationToken);
        if (item is null || definition is null)
        {
            return NotFound();
        }

        var model = await Service<ContentEditor>().BuildAsync(definition, item, isNew: false, cancellationToken);
        return await EditorAsync(model, null);
    }

    [HttpPost("new/{type}")]
    [HttpPost("{id}/edit")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Save(string? type, string? id, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var store = Service<ContentDefinitionStore>();
        var manager = Service<ContentManager>();
        ContentItem? existing = null;
        if (id is not null)
        {
            existing = await manager.GetAsync(id, VersionOptions.Latest, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }

            type = existing.ContentType;
        }

        var definition = type is null ? null : await store.GetTypeAsync(type, cancellationToken);
        if (definition is null || (existing is null && !definition.EffectiveSettings.Creatable))
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var publish = form["intent"] == "publish" || !definition.EffectiveSettings.Draftable;
        if (publish && !await CanAsync(ContentsPermissions.PublishContent))
        {
            return Denied();
        }

        // The form updates a copy of the stored document: whatever no editor shows stays exactly as it was.
        var itemId = existing?.ContentItemId ?? await NewItemIdAsync(form["newItemId"].ToString(), cancellationToken);
        var source = existing ?? await manager.NewAsync(definition.Name, cancellationToken);
        var item = new ContentItem { ContentItemId = itemId, ContentItemVersionId = Guid.NewGuid().ToString("N"), ContentType = definition.Name, Content = source.Content.DeepClone().AsObject() };
        var editor = Service<ContentEditor>();
        var model = await editor.UpdateAsync(definition, item, existing is null, form, new ModelStatePartUpdater(this), cancellationToken);
        model.ContentItemId = existing?.ContentItemId;

        // Uploads are checked before anything is written: a refused file leaves no trace.
        var uploads = new Dictionary<ContentFieldDefinition, List<Microsoft.AspNetCore.Http.IFormFile>>();
        foreach (var field in definition.FieldList.Where(f => f.Type == ContentFieldKind.Media))
        {
            var files = form.Files.GetFiles(ContentEditorModel.FieldInput(field.Name) + "-upload").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
            var problems = files.SelectMany(f => MediaStore.Check(field, f)).ToList();
            if (problems.Count > 0)
            {
                model.Errors[ContentEditorModel.FieldInput(field.Name)] = string.Join(" ", problems);
            }
            else if (files.Count > 0)
            {
                uploads[field] = files;
            }
        }

        var pending = uploads.ToDictionary(u => u.Key.Name, u => u.Value.Select(f => new MediaValue("0000/00/in-caricamento" + Path.GetExtension(f.FileName).ToLowerInvariant(), f.FileName, "application/octet-stream", f.Length)).ToList());
        ContentEditor.WriteFields(model, item.Content, pending);
        if (ModelState.ErrorCount == 0 && model.Errors.Count == 0)
        {
            try
            {
                var normalized = Service<ContentShape>().Normalize(definition, item.Content);
                foreach (var problem in await Service<ContentValidator>().ValidateAsync(itemId, definition, normalized, cancellationToken))
                {
                    Report(model, problem);
                }
            }
            catch (ContentValidationException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    Report(model, problem);
                }
            }
        }

        if (ModelState.ErrorCount > 0 || model.Errors.Count > 0)
        {
            editor.Summarize(model, definition, item);
            return await EditorAsync(model, itemId, StatusCodes.Status400BadRequest);
        }

        var written = new List<string>();
        var database = Service<IZoneDatabase>();
        try
        {
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            var media = Service<MediaStore>();
            var stored = new Dictionary<string, List<MediaValue>>();
            foreach (var (field, files) in uploads)
            {
                var values = new List<MediaValue>();
                foreach (var file in files)
                {
                    values.Add(await media.SaveAsync(file, written, cancellationToken));
                }

                stored[field.Name] = values;
            }

            ContentEditor.WriteFields(model, item.Content, stored);
            var saved = await manager.SaveAsync(item, publish, existing?.ContentItemVersionId is null ? null : model.LatestVersionId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            written.Clear();
            if (publish)
            {
                // Evicted again after the commit, so no request re-caches the page from before it.
                await Service<ZonaWelfare.Abstractions.Caching.IZoneCacheInvalidator>().InvalidateAsync(cancellationToken);
            }

            TempData["Message"] = publish ? $"«{saved.DisplayText}» è stato pubblicato." : $"La bozza di «{saved.DisplayText}» è stata salvata.";
            return Redirect(Url.Content($"~/admin/contents/{saved.ContentItemId}/edit"));
        }
        catch (ContentValidationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                Report(model, problem);
            }

            return await EditorAsync(model, itemId, StatusCodes.Status400BadRequest);
        }
        catch (ContentException ex)
        {
            model.GeneralError = ex.Message;
            return await EditorAsync(model, itemId, StatusCodes.Status409Conflict);
        }
        finally
        {
            // Files of a save that did not commit are removed with it.
            MediaStore.DeleteFiles(written);
        }
    }

    [HttpGet("{id}/preview")]
    public async Task<IActionResult> Preview(string id, string? version, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var manager = Service<IContentManager>();
        var item = version is null
            ? await manager.GetAsync(id, VersionOptions.Latest, cancellationToken)
            : (await manager.GetVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.ContentItemVersionId == version);
        var type = item is null ? null : await Service<ContentDefinitionStore>().GetTypeAsync(item.ContentType, cancellationToken);
        if (item is null || type is null)
        {
            return NotFound();
        }

        var note = item.Published ? $"Versione {item.Number}, pubblicata." : $"Versione {item.Number}, non pubblicata: i cittadini non la vedono.";
        Response.Headers.CacheControl = "no-store";
        return View("~/Views/Contents/Public/Display.cshtml", await Service<ContentPageBuilder>().BuildAsync(item, type, note, cancellationToken));
    }

    [HttpPost("{id}/publish")]
    public Task<IActionResult> Publish(string id, CancellationToken cancellationToken) =>
        ActAsync(id, ContentsPermissions.PublishContent, async (manager, item) =>
        {
            await manager.PublishAsync(id, cancellationToken);
            return $"«{item.DisplayText}» è stato pubblicato.";
        });

    [HttpPost("{id}/unpublish")]
    public Task<IActionResult> Unpublish(string id, CancellationToken cancellationToken) =>
        ActAsync(id, ContentsPermissions.PublishContent, async (manager, item) =>
        {
            await manager.UnpublishAsync(id, cancellationToken);
            return $"«{item.DisplayText}» non è più pubblicato.";
        });

    [HttpPost("{id}/delete")]
    public Task<IActionResult> Delete(string id, CancellationToken cancellationToken) =>
        ActAsync(id, ContentsPermissions.DeleteContent, async (manager, item) =>
        {
            await manager.RemoveAsync(id, cancellationToken);
            return $"«{item.DisplayText}» è stato eliminato.";
        }, toList: true);

    /// <summary>Items carrying a part, by title, for the editors' pickers (the search box asks as the editor types).</summary>
    [HttpGet("picker")]
    public async Task<IActionResult> Picker(string? part, string? q, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        if (string.IsNullOrWhiteSpace(part) || part.Length > 100 || (q?.Length ?? 0) > 100)
        {
            return BadRequest();
        }

        var types = await Service<IContentMetadata>().TypesWithPartAsync(part, cancellationToken);
        var found = await Service<IContentQuery>().FindAsync(types, q, PickerPageSize, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Json(found.Select(f => new { id = f.ContentItemId, text = f.DisplayText, published = f.Published }));
    }

    /// <summary>The markdown of an editor's textarea as the public page will show it (sanitized).</summary>
    [HttpPost("markdown-preview")]
    [RequestSizeLimit(512 * 1024)]
    public async Task<IActionResult> MarkdownPreview(CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var html = Service<MarkdownRenderer>().ToSafeHtml(form["text"].ToString());
        Response.Headers.CacheControl = "no-store";
        return Content(html.Length > 0 ? html : "<p class=\"muted\">Nessun testo.</p>", "text/html; charset=utf-8");
    }

    [HttpGet("{id}/versions")]
    public async Task<IActionResult> Versions(string id, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var manager = Service<IContentManager>();
        var latest = await manager.GetAsync(id, VersionOptions.Latest, cancellationToken);
        if (latest is null)
        {
            return NotFound();
        }

        var versions = await manager.GetVersionsAsync(id, cancellationToken);
        return View("~/Views/Contents/Items/Versions.cshtml", new ContentVersionsModel(latest, versions));
    }

    [HttpPost("{id}/versions/{versionId}/restore")]
    public async Task<IActionResult> Restore(string id, string versionId, CancellationToken cancellationToken)
    {
        if (!await CanAsync(ContentsPermissions.EditContent))
        {
            return Denied();
        }

        var manager = Service<IContentManager>();
        var old = (await manager.GetVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.ContentItemVersionId == versionId);
        if (old is null || await manager.GetAsync(id, VersionOptions.Latest, cancellationToken) is null)
        {
            return NotFound();
        }

        try
        {
            var restored = await manager.RestoreAsync(versionId, cancellationToken);
            TempData["Message"] = $"La versione {old.Number} è stata ripristinata come bozza (versione {restored.Number}).";
        }
        catch (ContentException ex)
        {
            TempData["Error"] = "Impossibile ripristinare la versione: " + ex.Message;
        }

        return Redirect(Url.Content($"~/admin/contents/{id}/edit"));
    }

    /// <summary>Shows a problem of the document at the input it belongs to.</summary>
    private void Report(ContentEditorModel model, ContentProblem problem)
    {
        var (isField, key) = ContentEditorModel.InputOf(problem.Key);
        if (isField)
        {
            model.Errors.TryAdd(key, problem.Message);
        }
        else if (key.Length > 0)
        {
            ModelState.AddModelError(key, problem.Message);
        }
        else
        {
            model.GeneralError ??= problem.Message;
        }
    }

    /// <summary>The id the create form carried (stable across re-displays), unless it is malformed or taken.</summary>
    private async Task<string> NewItemIdAsync(string posted, CancellationToken cancellationToken) =>
        Guid.TryParseExact(posted, "N", out _) && !await Service<ContentsDbContext>().Items.AnyAsync(i => i.ContentItemId == posted, cancellationToken)
            ? posted
            : Guid.NewGuid().ToString("N");

    private async Task<IActionResult> ActAsync(string id, ZonaWelfare.Abstractions.Security.Permission permission, Func<IContentManager, ContentItem, Task<string>> act, bool toList = false)
    {
        if (!await CanAsync(permission))
        {
            return Denied();
        }

        var manager = Service<IContentManager>();
        var item = await manager.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (item is null)
        {
            return NotFound();
        }

        try
        {
            TempData["Message"] = await act(manager, item);
        }
        catch (ContentException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return Redirect(Url.Content(toList ? "~/admin/contents" : $"~/admin/contents/{id}/edit"));
    }

    private async Task<IActionResult> EditorAsync(ContentEditorModel model, string? newItemId, int status = StatusCodes.Status200OK)
    {
        model.CanPublish = await CanAsync(ContentsPermissions.PublishContent);
        model.CanDelete = await CanAsync(ContentsPermissions.DeleteContent);
        if (model.ContentItemId is { } id)
        {
            var index = await Service<ContentsDbContext>().Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == id, HttpContext.RequestAborted);
            model.Published = index?.Published == true;
            model.HasDraft = index?.HasDraft == true;
            model.PublicPath = model.Published ? (await Service<ContentsDbContext>().Routes.AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == id, HttpContext.RequestAborted))?.Path : null;
            model.LatestVersionId ??= index?.LatestVersionId;
        }

        ViewData["NewItemId"] = newItemId ?? Guid.NewGuid().ToString("N");
        Response.StatusCode = status;
        return View("~/Views/Contents/Items/Edit.cshtml", model);
    }
}

internal sealed record ContentListModel(
    IReadOnlyList<ContentTypeDefinition> Types,
    IReadOnlyList<ContentItemIndex> Items,
    IReadOnlyDictionary<string, IReadOnlyList<PartSummary>> Summaries,
    string? Type,
    string? Status,
    string? Query,
    int Page,
    int Total,
    int PageSize,
    bool CanPublish)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string TypeName(string name) => Types.FirstOrDefault(t => t.Name == name)?.DisplayName ?? name;
}

/// <summary>Part drivers bind their editors through the controller's model binding, so conversion errors land in its model state.</summary>
internal sealed class ModelStatePartUpdater(Controller controller) : IPartUpdater
{
    public Task<bool> TryUpdateModelAsync<TModel>(TModel model, string prefix)
        where TModel : class => controller.TryUpdateModelAsync(model, prefix);

    public void AddError(string prefix, string propertyPath, string message) => controller.ModelState.AddModelError(prefix + "." + propertyPath, message);
}

internal sealed record ContentVersionsModel(ContentItem Latest, IReadOnlyList<ContentItem> Versions);
