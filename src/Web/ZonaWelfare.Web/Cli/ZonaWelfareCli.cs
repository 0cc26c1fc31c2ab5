using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Platform;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Web.Cli;

/// <summary>
/// Administration commands of the host: <c>zones list|create|export</c>, <c>recipes apply|validate</c>,
/// <c>modules enable|disable</c>. Invalid input exits non-zero with a message, and writes nothing.
/// </summary>
internal static class ZonaWelfareCli
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "zones", "recipes", "modules" };

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ZonaWelfare: comandi di amministrazione della piattaforma.");
        root.Subcommands.Add(ZonesCommand(services, output));
        root.Subcommands.Add(RecipesCommand(services, output));
        root.Subcommands.Add(ModulesCommand(services, output));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync("Errore: " + parseError.Message);
            }

            return 2;
        }

        try
        {
            await PlatformInitializer.EnsurePlatformStoreAsync(
                services.GetRequiredService<IZoneStorage>(),
                services.GetRequiredService<IDbContextFactory<PlatformDbContext>>(),
                CancellationToken.None);
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (RecipeValidationException ex)
        {
            await error.WriteLineAsync($"Errore: la ricetta «{ex.RecipeName}» non è valida; nulla è stato scritto.");
            foreach (var recipeError in ex.Errors)
            {
                await error.WriteLineAsync("  - " + recipeError);
            }

            return 1;
        }
        catch (Exception ex) when (ex is ZoneOperationException or FileNotFoundException)
        {
            await error.WriteLineAsync("Errore: " + ex.Message);
            return 1;
        }
    }

    private static Command ZonesCommand(IServiceProvider services, TextWriter output)
    {
        var zones = new Command("zones", "Gestione delle zone.");

        var list = new Command("list", "Elenca le zone.");
        list.SetAction(async (_, ct) =>
        {
            var all = await services.GetRequiredService<IZoneRegistry>().ListAsync(ct);
            if (all.Count == 0)
            {
                await output.WriteLineAsync("Nessuna zona.");
            }

            foreach (var zone in all.OrderBy(z => z.Slug, StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"{zone.Slug,-24} {StateName(zone.State),-12} {zone.DisplayName} — moduli: {string.Join(", ", zone.EnabledModules)}");
            }

            return 0;
        });
        zones.Subcommands.Add(list);

        var slug = new Argument<string>("slug") { Description = "Identificativo della zona (es. livornese)." };
        var recipe = new Option<FileInfo>("--recipe") { Description = "File della ricetta (.recipe.json).", Required = true };
        var create = new Command("create", "Crea una zona da una ricetta.") { slug, recipe };
        create.SetAction(async (parse, ct) =>
        {
            var document = await ReadRecipeAsync(parse.GetValue(recipe)!, ct);
            var result = await services.GetRequiredService<ZoneManager>().CreateAsync(parse.GetValue(slug)!, document, "cli", ct);
            await output.WriteLineAsync($"Zona «{result.Slug}» creata dalla ricetta «{document.Name}» {document.Version}.");
            return 0;
        });
        zones.Subcommands.Add(create);

        var exportSlug = new Argument<string>("slug") { Description = "Identificativo della zona da esportare." };
        var outputFile = new Option<FileInfo?>("--output", "-o") { Description = "File dove scrivere la ricetta; se assente, la stampa." };
        var export = new Command("export", "Esporta una zona come ricetta.") { exportSlug, outputFile };
        export.SetAction(async (parse, ct) =>
        {
            var exported = await services.GetRequiredService<ZoneManager>().ExportAsync(parse.GetValue(exportSlug)!, ct);
            await WriteAsync(ZoneManager.Serialize(exported) + "\n", parse.GetValue(outputFile), "Ricetta scritta in", output, ct);
            return 0;
        });
        zones.Subcommands.Add(export);
        return zones;
    }

    private static Command RecipesCommand(IServiceProvider services, TextWriter output)
    {
        var recipes = new Command("recipes", "Ricette: applicazione e verifica.");
        var file = new Argument<FileInfo>("file") { Description = "File della ricetta (.recipe.json)." };
        var zone = new Option<string>("--zone") { Description = "Zona a cui applicare la ricetta.", Required = true };
        var apply = new Command("apply", "Applica una ricetta a una zona esistente (riapplicarla non cambia nulla).") { file, zone };
        apply.SetAction(async (parse, ct) =>
        {
            var document = await ReadRecipeAsync(parse.GetValue(file)!, ct);
            var result = await services.GetRequiredService<ZoneManager>().ApplyAsync(parse.GetValue(zone)!, document, "cli", ct);
            await output.WriteLineAsync(result.Changes.Count == 0
                ? $"Ricetta «{document.Name}» applicata alla zona «{result.Slug}»: nessuna modifica."
                : $"Ricetta «{document.Name}» applicata alla zona «{result.Slug}»: {string.Join("; ", result.Changes)}.");
            return 0;
        });
        recipes.Subcommands.Add(apply);

        var validateFile = new Argument<FileInfo>("file") { Description = "File della ricetta (.recipe.json)." };
        var validateZone = new Option<string?>("--zone") { Description = "Zona su cui verificarla (se assente: quella indicata dalla ricetta o una zona nuova)." };
        var validate = new Command("validate", "Verifica una ricetta senza applicarla: sintassi, passi, moduli e campi.") { validateFile, validateZone };
        validate.SetAction(async (parse, ct) =>
        {
            var document = await ReadRecipeAsync(parse.GetValue(validateFile)!, ct);
            var slug = parse.GetValue(validateZone) ?? SlugOf(document) ?? "nuova-zona";
            var errors = await services.GetRequiredService<ZoneManager>().ValidateAsync(slug, document, ct);
            if (errors.Count > 0)
            {
                throw new RecipeValidationException(document.Name, errors);
            }

            await output.WriteLineAsync($"Ricetta «{document.Name}» {document.Version}: {document.Steps.Count} passi, valida per la zona «{slug}».");
            return 0;
        });
        recipes.Subcommands.Add(validate);

        var schemaOutput = new Option<FileInfo?>("--output", "-o") { Description = "File dove scrivere lo schema; se assente, lo stampa." };
        var schema = new Command("schema", "Scrive lo schema JSON delle ricette, con i passi di tutti i moduli.") { schemaOutput };
        schema.SetAction(async (parse, ct) =>
        {
            await WriteAsync(ZoneManager.Serialize(services.GetRequiredService<ZoneManager>().RecipeSchema()) + "\n", parse.GetValue(schemaOutput), "Schema scritto in", output, ct);
            return 0;
        });
        recipes.Subcommands.Add(schema);
        return recipes;
    }

    private static Command ModulesCommand(IServiceProvider services, TextWriter output)
    {
        var modules = new Command("modules", "Attiva o disattiva moduli di una zona.");
        foreach (var enable in new[] { true, false })
        {
            var ids = new Argument<string[]>("ids") { Description = "Identificativi dei moduli.", Arity = ArgumentArity.OneOrMore };
            var zone = new Option<string>("--zone") { Description = "Zona.", Required = true };
            var command = new Command(enable ? "enable" : "disable", enable ? "Attiva moduli (con le loro dipendenze)." : "Disattiva moduli.") { ids, zone };
            command.SetAction(async (parse, ct) =>
            {
                var manager = services.GetRequiredService<ZoneManager>();
                var selected = parse.GetValue(ids)!;
                var change = await manager.ChangeModulesAsync(parse.GetValue(zone)!, enable ? selected : [], enable ? [] : selected, ct);
                if (!change.Succeeded)
                {
                    throw new ZoneOperationException(string.Join(" ", change.Errors));
                }

                await output.WriteLineAsync("Moduli attivi: " + string.Join(", ", change.Modules));
                return 0;
            });
            modules.Subcommands.Add(command);
        }

        return modules;
    }

    private static async Task<RecipeDocument> ReadRecipeAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Il file della ricetta '{file.FullName}' non esiste.", file.FullName);
        }

        return RecipeDocument.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken), file.Name);
    }

    /// <summary>Writes a document to <paramref name="file"/> when given (saying where), else to the output.</summary>
    private static async Task WriteAsync(string text, FileInfo? file, string writtenTo, TextWriter output, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            await output.WriteAsync(text);
            return;
        }

        await File.WriteAllTextAsync(file.FullName, text, cancellationToken);
        await output.WriteLineAsync($"{writtenTo} {file.FullName}.");
    }

    private static string? SlugOf(RecipeDocument recipe) =>
        recipe.Steps.FirstOrDefault(s => s.GetProperty("name").GetString() == "zone") is { ValueKind: JsonValueKind.Object } zone
        && zone.TryGetProperty("slug", out var slug) ? slug.GetString() : null;

    private static string StateName(ZoneState state) => state switch
    {
        ZoneState.Running => "attiva",
        ZoneState.Disabled => "disattivata",
        _ => "da avviare",
    };
}
