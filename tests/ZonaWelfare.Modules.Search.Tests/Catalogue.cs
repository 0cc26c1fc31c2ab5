using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Search.Tests.Fakes;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Search.Tests;

/// <summary>A small service catalogue of a zone, with the zone's synonyms.</summary>
public static class Catalogue
{
    public const string Synonyms = """[ [ "disabili", "disabilità", "handicap", "disabile" ], [ "anziani", "anziano", "terza età" ] ]""";

    public static readonly (double Lat, double Lon) Livorno = (43.5485, 10.3106);

    public static ContentItem[] Items() =>
    [
        S("s01", "Centro diurno per anziani", "Attività di socializzazione per persone anziane non autosufficienti.", ["Anziani"], "Livorno", [Livorno], day: 1),
        S("s02", "Assistenza domiciliare", "Aiuto a casa per l'anziano che vive solo: igiene, pasti, compagnia.", ["Anziani", "Domiciliarità"], "Collesalvetti", [(43.5896, 10.4757)], day: 2),
        S("s03", "Università della terza età", "Corsi e incontri culturali per la terza età.", ["Anziani", "Cultura"], "Livorno", [(43.5550, 10.3200)], day: 3),
        S("s04", "Contributi per la disabilità", "Sostegno economico alle famiglie di persone con disabilità grave.", ["Disabilità"], "Livorno", null, day: 4),
        S("s05", "Trasporto sociale", "Accompagnamento per persone con handicap verso i centri di cura.", ["Disabilità", "Mobilità"], "Collesalvetti", [(43.6000, 10.4800)], day: 5),
        S("s06", "Sportello famiglie", "Orari: lun & mer <b>9-12</b>. Consulenza e informazioni per famiglie con figli minori.", ["Famiglia"], "Livorno", null, day: 6),
        S("s07", "Mensa solidale", "Pasti caldi per persone in difficoltà economica.", ["Povertà"], "Livorno", [(43.5400, 10.3100)], day: 7),
        S("s08", "Centro antiviolenza", "Ascolto e protezione per donne vittime di violenza.", ["Violenza di genere"], "Livorno", null, day: 8),
        S("s09", "Telesoccorso", "Un dispositivo per chiedere aiuto in caso di emergenza, pensato per anziani soli.", ["Anziani"], "Livorno", [(43.0500, 9.8400)], day: 9),
        S("s10", "Inserimento lavorativo", "Percorsi di tirocinio per persone disabili e svantaggiate.", ["Disabilità", "Lavoro"], "Collesalvetti", null, day: 10),
        TestContentModule.Page("p01", "Pagina sui servizi per anziani"),
    ];

    private static ContentItem S(string id, string title, string description, string[] areas, string comune, (double, double)[]? sedi, int day) =>
        TestContentModule.Service(id, title, description, areas, comune, sedi, new DateTime(2026, 1, day, 12, 0, 0, DateTimeKind.Utc));
}

/// <summary>One host per storage kind with the catalogue zone (<c>catalogo</c>) and the same items without synonyms (<c>nuda</c>).</summary>
public abstract class CatalogueFixture(StorageKind kind) : IAsyncLifetime
{
    public SearchHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SearchHost.StartAsync(kind);
        await Host.CreateZoneAsync("catalogo", Catalogue.Synonyms);
        await Host.PublishAsync("catalogo", Catalogue.Items());
        await Host.CreateZoneAsync("nuda");
        await Host.PublishAsync("nuda", Catalogue.Items());
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteCatalogue() : CatalogueFixture(StorageKind.Sqlite);

public sealed class PostgresCatalogue() : CatalogueFixture(StorageKind.Postgres);
