using System.CommandLine;
using Spectre.Console;
using ZonaWelfare.Abstractions.Search;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Modules.Search;

namespace ZonaWelfare.Web.Cli;

/// <summary><c>search rebuild --zone slug</c>: rebuilds a zone's search index on this node from its database.</summary>
internal static class SearchCli
{
    public static Command Command(IServiceProvider services, TextWriter output)
    {
        var search = new Command("search", "Indice di ricerca delle zone.");
        var zone = new Option<string>("--zone") { Description = "Zona di cui ricostruire l'indice.", Required = true };
        var rebuild = new Command("rebuild", "Ricostruisce l'indice di ricerca della zona dai contenuti pubblicati; le ricerche continuano sul vecchio indice fino alla fine.") { zone };
        rebuild.SetAction(async (parse, ct) =>
        {
            var slug = parse.GetValue(zone)!;
            var descriptor = await services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug, ct)
                ?? throw new ZoneNotFoundException(slug);
            if (!descriptor.IsModuleEnabled(SearchModule.Id))
            {
                throw new ZoneOperationException($"La ricerca non è attiva nella zona '{slug}': attiva il modulo con «modules enable {SearchModule.Id} --zone {slug}».");
            }

            await using var scope = await services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(descriptor, ct);
            var admin = scope.ServiceProvider.GetRequiredService<ISearchIndexAdmin>();
            var last = (Done: 0, Total: 0);
            try
            {
                if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                {
                    await AnsiConsole.Progress().StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Indice di «{slug}»");
                        await admin.RebuildAsync(new Reporter(p => (last, task.MaxValue, task.Value) = (p, Math.Max(1, p.Total), p.Done)), ct);
                        task.Value = task.MaxValue;
                    });
                }
                else
                {
                    await admin.RebuildAsync(new Reporter(p =>
                    {
                        if (p != last)
                        {
                            last = p;
                            output.WriteLine($"Indicizzati {p.Done}/{p.Total}");
                        }
                    }), ct);
                }
            }
            catch (InvalidOperationException ex)
            {
                throw new ZoneOperationException(ex.Message);
            }

            await output.WriteLineAsync($"Indice di ricerca della zona «{slug}» ricostruito: {last.Done} contenuti letti.");
            return 0;
        });
        search.Subcommands.Add(rebuild);
        return search;
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Reporter(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
