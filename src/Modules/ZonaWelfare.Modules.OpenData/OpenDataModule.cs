using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.OpenData;

/// <summary>Open data: the zone's datasets, downloadable as CSV and JSON.</summary>
public sealed class OpenDataModule : ZoneModule
{
    public const string Id = "opendata";

    public override ModuleManifest Manifest { get; } = new(Id, "Open data", "Dati aperti della zona in CSV e JSON.");

    public override void ConfigureServices(IServiceCollection services) =>
        services.AddZoneNavigation(new NavigationItem(Id, "Dati aperti", "opendata", Order: 900));

    public override void MapZoneEndpoints(IEndpointRouteBuilder zone)
    {
        zone.MapGet("/opendata/comuni.json", async (IZoneContext context, IZoneSettingsStore settings, CancellationToken ct) =>
        {
            var current = context.Current;
            var site = await settings.GetAsync<SiteSettings>(SiteSettings.SectionName, ct);
            return Results.Json(new
            {
                zona = current.Slug,
                nome = current.DisplayName,
                ente = site.Organization,
                comuni = current.Comuni,
            });
        });

        zone.MapGet("/opendata/comuni.csv", (IZoneContext context) =>
        {
            var current = context.Current;
            var csv = new StringBuilder("zona;nome_zona;comune\n");
            foreach (var comune in current.Comuni)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{Csv(current.Slug)};{Csv(current.DisplayName)};{Csv(comune)}\n");
            }

            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"comuni-{current.Slug}.csv");
        });
    }

    private static string Csv(string value) =>
        value.IndexOfAny([';', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
