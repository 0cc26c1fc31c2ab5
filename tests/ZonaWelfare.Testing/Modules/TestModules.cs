using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;

namespace ZonaWelfare.Testing.Modules;

/// <summary>A module with no dependencies and one endpoint.</summary>
public sealed class AlphaModule : ZoneModule
{
    public override ModuleManifest Manifest { get; } = new("alpha", "Alfa", "Modulo di prova senza dipendenze.");

    public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapGet("/alpha", () => "alfa");
}

/// <summary>A module that needs <see cref="AlphaModule"/>.</summary>
public sealed class BetaModule : ZoneModule
{
    public override ModuleManifest Manifest { get; } = new("beta", "Beta", "Modulo di prova che dipende da alfa.", ["alpha"]);

    public override void MapZoneEndpoints(IEndpointRouteBuilder zone) => zone.MapGet("/beta", () => "beta");
}

/// <summary>
/// A module with data: its own DbContext, migration, recipe step and endpoints. It lets tests see
/// module migrations, the recipe transaction and zone isolation at the database level.
/// </summary>
public sealed class NotesModule : ZoneModule
{
    public const string Id = "notes";

    public override ModuleManifest Manifest { get; } = new(Id, "Note", "Modulo di prova con dati propri.", ["alpha"]);

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddZoneDbContext<NotesDbContext>(Id);
        services.AddSingleton<IRecipeStep, NotesStep>();
        // A part without an editor, and a handler: what the Contents editor must keep and the platform must gate.
        services.AddContentPart<NotePart>(Id, "Nota di lavoro", "Una parte di prova senza editor.");
        services.AddSingleton<NoteEvents>();
        services.AddContentHandler<NotesContentHandler>();
    }

    public override void MapZoneEndpoints(IEndpointRouteBuilder zone)
    {
        zone.MapGet("/notes", async (NotesDbContext db) =>
            await db.Notes.OrderBy(n => n.Id).Select(n => new NoteDto(n.Id, n.Text)).ToListAsync());
        zone.MapPost("/notes", async (NoteDto note, NotesDbContext db) =>
        {
            db.Notes.Add(new Note { Id = note.Id, Text = note.Text });
            await db.SaveChangesAsync();
            return Results.Created($"notes/{note.Id}", note);
        });
    }
}

public sealed record NoteDto(string Id, string Text);

/// <summary>A typed part the notes module offers without an editor.</summary>
public sealed class NotePart : ZonaWelfare.Abstractions.Contents.ContentPart
{
    public string? Text { get; set; }

    public List<string> Tags { get; set; } = [];

    public int Priority { get; set; }
}

/// <summary>The content events the notes module heard, as "zone:event:item".</summary>
public sealed class NoteEvents
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();

    public IReadOnlyList<string> Seen => [.. _seen];

    public void Add(string entry) => _seen.Enqueue(entry);
}

/// <summary>Records content events; the platform calls it only in zones that enable the notes module.</summary>
internal sealed class NotesContentHandler(NoteEvents events, ZonaWelfare.Abstractions.Zones.IZoneContext zone) : ZonaWelfare.Abstractions.Contents.IContentHandler
{
    public string ModuleId => NotesModule.Id;

    public Task CreatedAsync(ZonaWelfare.Abstractions.Contents.ContentEventContext context, CancellationToken cancellationToken) => Record("created", context);

    public Task PublishedAsync(ZonaWelfare.Abstractions.Contents.ContentEventContext context, CancellationToken cancellationToken) => Record("published", context);

    private Task Record(string what, ZonaWelfare.Abstractions.Contents.ContentEventContext context)
    {
        events.Add($"{zone.Current.Slug}:{what}:{context.Item.ContentItemId}");
        return Task.CompletedTask;
    }
}
