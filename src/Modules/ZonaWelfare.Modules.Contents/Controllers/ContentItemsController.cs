using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>The content list and the editor generated from each type's definition.</summary>
[ZonePermission(ContentsPermissions.EditContentName)]
[Route("admin/contents")]
internal sealed class ContentItemsController(ContentDefinitionStore store, ContentsDbContext contentsDb, ContentPartDrivers partDrivers, ContentManager manager, ContentEditor editor, ContentShape contentShape, ContentValidator contentValidator, IZoneDatabase zoneDatabase, MediaStore mediaStore, ZonaWelfare.Abstractions.Caching.IZoneCacheInvalidator cacheInvalidator, ContentPageBuilder pageBuilder, IContentMetadata contentMetadata, IContentQuery contentQuery, MarkdownRenderer markdownRenderer, IAuthorizationService authorization) : Controller
{
    private const int PageSize = 20;
    private const int PickerPageSize = 30;
    private const long MaxRequestBytes = (FieldRules.HardMaxSizeKb + 1024) * 1024L;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? type, string? status, string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        var types = await store.ListTypesAsync(cancellationToken);
        var listable = types.Where(t => t.EffectiveSettings.Listable).Select(t => t.Name).ToList();
        var query = contentsDb.Items.AsNoTracking().Where(i => !i.Deleted && listable.Contains(i.ContentType));
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
        var drivers = partDrivers;
        var summaries = new Dictionary<string, IReadOnlyList<PartSummary>>(StringComparer.Ordinal);
        foreach (var latest in await manager.GetManyAsync(items.Select(i => i.ContentItemId), VersionOptions.Latest, cancellationToken))
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
        var definition = await store.GetTypeAsync(type, cancellationToken);
        if (definition is null || !definition.EffectiveSettings.Creatable)
        {
            return NotFound();
        }

        var item = await manager.NewAsync(type, cancellationToken);
        var model = await editor.BuildAsync(definition, item, isNew: true, cancellationToken);
        return await EditorAsync(model, null);
    }

    [HttpGet("{id}/edit")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var item = await manager.GetAsync(id, VersionOptions.Latest, cancellationToken);
        var definition = item is null ? null : await store.GetTypeAsync(item.ContentType, cancellationToken);
        if (item is null || definition is null)
        {
            return NotFound();
        }

        var model = await editor.BuildAsync(definition, item, isNew: false, cancellationToken);
        return await EditorAsync(model, null);
    }

    [HttpPost("new/{type}")]
    [HttpPost("{id}/edit")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Save(string? type, string? id, CancellationToken cancellationToken)
    {
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
            return Forbid(ZoneAuthentication.ZoneScheme);
        }

        // The form updates a copy of the stored document: whatever no editor shows stays exactly as it was.
        var itemId = existing?.ContentItemId ?? await NewItemIdAsync(form["newItemId"].ToString(), cancellationToken);
        var source = existing ?? await manager.NewAsync(definition.Name, cancellationToken);
        var item = new ContentItem { ContentItemId = itemId, ContentItemVersionId = Guid.NewGuid().ToString("N"), ContentType = definition.Name, Content = source.Content.DeepClone().AsObject() };
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
        // The document's rules run even when an input could not be read, so the editor sees every problem at once.
        try
        {
            var normalized = contentShape.Normalize(definition, item.Content);
            foreach (var problem in await contentValidator.ValidateAsync(itemId, definition, normalized, cancellationToken))
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

        if (ModelState.ErrorCount > 0 || model.Errors.Count > 0)
        {
            editor.Summarize(model, definition, item);
            return await EditorAsync(model, itemId, StatusCodes.Status400BadRequest);
        }

        var written = new List<string>();
        var database = zoneDatabase;
        try
        {
            await using var transaction = await database.BeginTransactionAsync(cancellationToken);
            var media = mediaStore;
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
                await cacheInvalidator.InvalidateAsync(cancellationToken);
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
        var item = version is null
            ? await manager.GetAsync(id, VersionOptions.Latest, cancellationToken)
            : (await manager.GetVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.ContentItemVersionId == version);
        var type = item is null ? null : await store.GetTypeAsync(item.ContentType, cancellationToken);
        if (item is null || type is null)
        {
            return NotFound();
        }

        var note = item.Published ? $"Versione {item.Number}, pubblicata." : $"Versione {item.Number}, non pubblicata: i cittadini non la vedono.";
        Response.Headers.CacheControl = "no-store";
        return View("~/Views/Contents/Public/Display.cshtml", await pageBuilder.BuildAsync(item, type, note, cancellationToken));
    }

    [HttpPost("{id}/publish")]
    [ZonePermission(ContentsPermissions.PublishContentName)]
    public Task<IActionResult> Publish(string id, CancellationToken cancellationToken) =>
        ActAsync(id, async item =>
        {
            await manager.PublishAsync(id, cancellationToken);
            return $"«{item.DisplayText}» è stato pubblicato.";
        });

    [HttpPost("{id}/unpublish")]
    [ZonePermission(ContentsPermissions.PublishContentName)]
    public Task<IActionResult> Unpublish(string id, CancellationToken cancellationToken) =>
        ActAsync(id, async item =>
        {
            await manager.UnpublishAsync(id, cancellationToken);
            return $"«{item.DisplayText}» non è più pubblicato.";
        });

    [HttpPost("{id}/delete")]
    [ZonePermission(ContentsPermissions.DeleteContentName)]
    public Task<IActionResult> Delete(string id, CancellationToken cancellationToken) =>
        ActAsync(id, async item =>
        {
            await manager.RemoveAsync(id, cancellationToken);
            return $"«{item.DisplayText}» è stato eliminato.";
        }, toList: true);

    /// <summary>Items carrying a part, by title, for the editors' pickers (the search box asks as the editor types).</summary>
    [HttpGet("picker")]
    public async Task<IActionResult> Picker(string? part, string? q, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(part) || part.Length > 100 || (q?.Length ?? 0) > 100)
        {
            return BadRequest();
        }

        var types = await contentMetadata.TypesWithPartAsync(part, cancellationToken);
        var found = await contentQuery.FindAsync(types, q, PickerPageSize, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Json(found.Select(f => new { id = f.ContentItemId, text = f.DisplayText, published = f.Published }));
    }

    /// <summary>The markdown of an editor's textarea as the public page will show it (sanitized).</summary>
    [HttpPost("markdown-preview")]
    [RequestSizeLimit(512 * 1024)]
    public async Task<IActionResult> MarkdownPreview(CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        var html = markdownRenderer.ToSafeHtml(form["text"].ToString());
        Response.Headers.CacheControl = "no-store";
        return Content(html.Length > 0 ? html : "<p class=\"muted\">Nessun testo.</p>", "text/html; charset=utf-8");
    }

    [HttpGet("{id}/versions")]
    public async Task<IActionResult> Versions(string id, CancellationToken cancellationToken)
    {
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

    /// <summary>Whether the user may also do what the page offers beyond editing (publish, delete).</summary>
    private Task<bool> CanAsync(Permission permission) => authorization.AuthorizeAsync(User, permission);

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
            // An input that could not be read already says so; what the document then lacks there follows from it.
            if (ModelState[key] is not { Errors.Count: > 0 })
            {
                ModelState.AddModelError(key, problem.Message);
            }
        }
        else
        {
            model.GeneralError ??= problem.Message;
        }
    }

    /// <summary>The id the create form carried (stable across re-displays), unless it is malformed or taken.</summary>
    private async Task<string> NewItemIdAsync(string posted, CancellationToken cancellationToken) =>
        Guid.TryParseExact(posted, "N", out _) && !await contentsDb.Items.AnyAsync(i => i.ContentItemId == posted, cancellationToken)
            ? posted
            : Guid.NewGuid().ToString("N");

    private async Task<IActionResult> ActAsync(string id, Func<ContentItem, Task<string>> act, bool toList = false)
    {
        var item = await manager.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (item is null)
        {
            return NotFound();
        }

        try
        {
            TempData["Message"] = await act(item);
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
            var index = await contentsDb.Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == id, HttpContext.RequestAborted);
            model.Published = index?.Published == true;
            model.HasDraft = index?.HasDraft == true;
            model.PublicPath = model.Published ? (await contentsDb.Routes.AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == id, HttpContext.RequestAborted))?.Path : null;
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
