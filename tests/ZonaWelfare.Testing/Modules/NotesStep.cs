using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Recipes;

namespace ZonaWelfare.Testing.Modules;

/// <summary>The <c>notes</c> step: upserts notes by id, so re-applying changes nothing.</summary>
internal sealed class NotesStep : RecipeStep<NotesStep.Model>
{
    public override string Name => "notes";

    public override string? ModuleId => NotesModule.Id;

    public override int ExportOrder => 50;

    internal sealed record Model(IReadOnlyList<NoteDto> Items);

    protected override Task ValidateAsync(Model model, RecipeValidationContext context, CancellationToken cancellationToken)
    {
        for (var i = 0; i < model.Items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(model.Items[i].Id))
            {
                context.AddError($"items[{i}].id", "l'identificativo della nota è obbligatorio.");
            }

            if (model.Items[i].Text.Length is 0 or > 200)
            {
                context.AddError($"items[{i}].text", "il testo della nota va da 1 a 200 caratteri.");
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ApplyAsync(Model model, RecipeApplyContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<NotesDbContext>();
        foreach (var item in model.Items)
        {
            var note = await db.Notes.FindAsync([item.Id], cancellationToken);
            if (note is null)
            {
                db.Notes.Add(new Note { Id = item.Id, Text = item.Text });
                context.RecordChange($"nota {item.Id}");
            }
            else if (note.Text != item.Text)
            {
                note.Text = item.Text;
                context.RecordChange($"nota {item.Id}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    protected override async Task<Model?> ExportModelAsync(RecipeExportContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<NotesDbContext>();
        var notes = await db.Notes.AsNoTracking().OrderBy(n => n.Id).Select(n => new NoteDto(n.Id, n.Text)).ToListAsync(cancellationToken);
        return notes.Count == 0 ? null : new Model(notes);
    }
}
