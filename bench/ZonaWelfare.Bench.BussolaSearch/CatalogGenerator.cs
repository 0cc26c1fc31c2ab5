using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZonaWelfare.Bench.BussolaSearch;

/// <summary>One generated content item: its stable id, its content type and its parts as the content manager stores them.</summary>
internal sealed record GeneratedItem(string Id, string Type, JsonObject Content);

/// <summary>
/// A deterministic catalogue of organizations, locations and services for one zone. Service texts come from
/// the repository's hand-written example services (<c>tools/bussola-data/*.json</c>, 122 services in nine
/// areas): each generated service takes the title, description and what-you-get of one of them, and who it is
/// for, how to access it and the conditions from other services of the same area, then gets a comune, an
/// organization of the right kind, one to three locations, targets, access mode and cost. Same seed, same
/// catalogue, item for item.
/// </summary>
internal sealed class CatalogGenerator
{
    public const int OrganizationCount = 320;
    public const int LocationCount = 640;

    private static readonly string[] Targets =
        ["adulti", "famiglie", "anziani", "donne", "giovani", "persone con disabilità", "minori", "caregiver", "stranieri", "persone senza dimora"];

    private static readonly string[] AccessModes =
        ["accesso diretto", "su appuntamento", "tramite assistente sociale", "su invio del medico", "prenotazione CUP"];

    private static readonly string[] Costs = ["gratuito", "compartecipazione in base all'ISEE", "ticket sanitario", "a pagamento"];

    private static readonly string[] EtsNames =
    [
        "Il Girasole", "La Rondine", "Arcobaleno", "Il Ponte", "Mani Aperte", "Il Faro", "La Tartaruga", "Il Melograno", "La Bussola",
        "Il Seme", "Casa Aperta", "La Lanterna", "Il Mosaico", "Passo dopo Passo", "L'Approdo", "La Fenice", "Il Gabbiano", "La Quercia",
        "Il Sorriso", "Terra Nuova", "La Sorgente", "Il Cammino", "Nuovi Orizzonti", "La Rete", "Il Focolare", "La Vela", "Il Germoglio",
        "Sentieri", "La Chiocciola", "Il Timone",
    ];

    private static readonly string[] Valleys = ["della Valdera", "del Mare", "delle Colline", "della Maremma", "del Valdarno", "della Costa", "dell'Amiata", "del Chianti", "della Versilia"];

    private static readonly (string Form, string Suffix)[] EtsForms =
        [("Cooperativa sociale", ""), ("Associazione", " ODV"), ("Associazione", " APS"), ("Fondazione", " ETS"), ("Consorzio di cooperative", "")];

    private static readonly string[] Streets =
    [
        "Via Roma", "Via Garibaldi", "Via Mazzini", "Corso Italia", "Via Cavour", "Piazza della Repubblica", "Via Dante Alighieri",
        "Via XX Settembre", "Via Matteotti", "Viale Gramsci", "Via Marconi", "Via Puccini", "Via Leopardi", "Piazza del Popolo", "Via San Francesco",
    ];

    private static readonly string[] PlaceKinds =
    [
        "Sportello sociale", "Casa della Comunità", "Consultorio", "Centro diurno", "Punto Insieme", "Centro di salute mentale", "SerD",
        "Centro per le famiglie", "Sede operativa", "Centro antiviolenza", "Sportello immigrazione", "Emporio solidale",
    ];

    private static readonly (string Days, string Opens, string Closes)[][] Hours =
    [
        [("lunedì-venerdì", "09:00", "12:30")],
        [("lunedì-venerdì", "08:30", "13:00"), ("martedì e giovedì", "15:00", "17:30")],
        [("lunedì, mercoledì, venerdì", "09:00", "12:00")],
        [("lunedì-venerdì", "08:00", "19:00"), ("sabato", "08:00", "13:00")],
        [("tutti i giorni", "00:00", "23:59")],
    ];

    private static readonly string[] StatusReasons =
    [
        "Servizio sospeso per lavori alla sede: riprende dopo la riapertura.",
        "Le iscrizioni non sono ancora aperte: l'avviso sarà pubblicato in primavera.",
        "In attesa del rinnovo della convenzione con l'ente gestore.",
    ];

    private readonly List<Template> _templates;
    private readonly Dictionary<string, List<Template>> _byArea;
    private readonly List<string> _accessibility;
    private readonly IReadOnlyList<Comune> _comuni;
    private readonly int _seed;

    private CatalogGenerator(List<Template> templates, List<string> accessibility, IReadOnlyList<Comune> comuni, int seed)
    {
        _templates = templates;
        _byArea = templates.GroupBy(t => t.Area, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _accessibility = accessibility;
        _comuni = comuni;
        _seed = seed;
    }

    public IReadOnlyList<Comune> Comuni => _comuni;

    public int TemplateCount => _templates.Count;

    /// <summary>Reads the example services of every <c>*.json</c> file in <paramref name="folder"/>.</summary>
    public static CatalogGenerator Load(string folder, int seed)
    {
        var templates = new List<Template>();
        var accessibility = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var orgTypes = root.GetProperty("organizations").EnumerateArray()
                .ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("type").GetString()!, StringComparer.Ordinal);
            foreach (var location in root.GetProperty("locations").EnumerateArray())
            {
                if (Text(location, "accessibility") is { } text)
                {
                    accessibility.Add(text);
                }
            }

            foreach (var service in root.GetProperty("services").EnumerateArray())
            {
                templates.Add(new Template(
                    Text(service, "title")!,
                    Text(service, "area")!,
                    Text(service, "shortDescription"),
                    Text(service, "whoFor"),
                    Text(service, "howTo"),
                    Text(service, "whatYouNeed"),
                    Text(service, "whatYouGet"),
                    Text(service, "timesAndDeadlines"),
                    Text(service, "accessChannel"),
                    Text(service, "conditions"),
                    List(service, "targets"),
                    Text(service, "accessMode"),
                    Text(service, "cost"),
                    List(service, "keywords").Where(k => !k.Equals("dati di esempio", StringComparison.OrdinalIgnoreCase)).ToList(),
                    List(service, "languages"),
                    Text(service, "organization") is { } org && orgTypes.TryGetValue(org, out var type) ? type : "ETS"));
            }
        }

        if (templates.Count == 0)
        {
            throw new InvalidOperationException($"Nessun servizio di esempio in {folder}/*.json.");
        }

        return new CatalogGenerator(templates, accessibility.Distinct(StringComparer.Ordinal).ToList(), Comune.Tuscany, seed);
    }

    public IEnumerable<GeneratedItem> Organizations()
    {
        foreach (var organization in OrganizationList())
        {
            yield return new GeneratedItem(organization.Id, "Ente", new JsonObject
            {
                ["TitlePart"] = new JsonObject { ["title"] = organization.Name },
                ["OrganizationPart"] = new JsonObject
                {
                    ["type"] = organization.Type,
                    ["description"] = organization.Description,
                    ["contacts"] = Contacts(organization.Number, organization.Id),
                },
            });
        }
    }

    public IEnumerable<GeneratedItem> Locations()
    {
        var random = new Random(_seed + 1);
        for (var i = 0; i < LocationCount; i++)
        {
            var comune = PickComune(random);
            var kind = PlaceKinds[random.Next(PlaceKinds.Length)];
            var hours = new JsonArray(Hours[random.Next(Hours.Length)]
                .Select(h => (JsonNode)new JsonObject { ["days"] = h.Days, ["opens"] = h.Opens, ["closes"] = h.Closes }).ToArray());
            yield return new GeneratedItem(LocationId(i), "Sede", new JsonObject
            {
                ["TitlePart"] = new JsonObject { ["title"] = $"{kind} di {comune.Name}" + (i >= PlaceKinds.Length * 8 ? $" ({i % 7 + 1})" : "") },
                ["LocationPart"] = new JsonObject
                {
                    ["address"] = FormattableString.Invariant($"{Streets[random.Next(Streets.Length)]} {random.Next(1, 180)}, {comune.Cap}"),
                    ["comune"] = comune.Name,
                    ["latitude"] = Math.Round(comune.Latitude + ((random.NextDouble() - 0.5) * 0.03), 5),
                    ["longitude"] = Math.Round(comune.Longitude + ((random.NextDouble() - 0.5) * 0.03), 5),
                    ["openingHours"] = hours,
                    ["accessibility"] = _accessibility.Count > 0 ? _accessibility[random.Next(_accessibility.Count)] : null,
                },
            });
        }
    }

    /// <summary>The comune of each location, by location index (the same draws as <see cref="Locations"/>).</summary>
    public IReadOnlyList<string> LocationComuni() => Locations().Select(l => l.Content["LocationPart"]!["comune"]!.GetValue<string>()).ToList();

    /// <summary>Services 1..<paramref name="count"/>; the i-th service is the same whatever the count.</summary>
    public IEnumerable<GeneratedItem> Services(int count)
    {
        var organizations = OrganizationList();
        var comuneOrgs = organizations.Where(o => o.Type == "Comune").ToDictionary(o => o.Comune!, o => o.Id, StringComparer.Ordinal);
        var byType = organizations.GroupBy(o => o.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(o => o.Id).ToList(), StringComparer.Ordinal);
        var locationComuni = LocationComuni();
        var locationsByComune = Enumerable.Range(0, locationComuni.Count).GroupBy(i => locationComuni[i], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            // One generator per service: service i does not depend on how many services come before it.
            var random = new Random(HashCode.Combine(_seed, i));
            var template = _templates[random.Next(_templates.Count)];
            var sameArea = _byArea[template.Area];
            Template Other() => sameArea[random.Next(sameArea.Count)];
            var comune = PickComune(random);
            var title = (random.Next(4)) switch
            {
                0 => template.Title,
                1 => $"{template.Title} a {comune.Name}",
                2 => $"{template.Title} – {comune.Name}",
                _ => $"{template.Title} ({comune.Name})",
            };
            var organization = template.OrganizationType == "Comune" && comuneOrgs.TryGetValue(comune.Name, out var own) ? own
                : byType.TryGetValue(template.OrganizationType, out var ofType) ? ofType[random.Next(ofType.Count)]
                : byType["ETS"][random.Next(byType["ETS"].Count)];
            var locations = new List<string>();
            if (locationsByComune.TryGetValue(comune.Name, out var near))
            {
                locations.Add(LocationId(near[random.Next(near.Count)]));
            }

            for (var extra = random.Next(3); extra > 0; extra--)
            {
                locations.Add(LocationId(random.Next(LocationCount)));
            }

            var targets = template.Targets.ToList();
            if (random.Next(10) < 3)
            {
                targets.Add(Targets[random.Next(Targets.Length)]);
            }

            var roll = random.Next(100);
            var status = roll < 92 ? "attivo" : roll < 97 ? "sospeso" : "non attivo";
            var lastReviewed = new DateOnly(2024, 1, 1).AddDays(random.Next(900));
            var service = new JsonObject
            {
                ["area"] = template.Area,
                ["status"] = status,
                ["statusReason"] = status == "attivo" ? null : StatusReasons[random.Next(StatusReasons.Length)],
                ["shortDescription"] = template.ShortDescription,
                ["whoFor"] = Other().WhoFor,
                ["howTo"] = Other().HowTo,
                ["whatYouNeed"] = Other().WhatYouNeed,
                ["whatYouGet"] = template.WhatYouGet,
                ["timesAndDeadlines"] = Other().TimesAndDeadlines,
                ["accessChannel"] = template.AccessChannel,
                ["conditions"] = Other().Conditions,
                ["contacts"] = Contacts(i, "servizio-" + i.ToString(CultureInfo.InvariantCulture)),
                ["organizationId"] = organization,
                ["locationIds"] = new JsonArray(locations.Distinct(StringComparer.Ordinal).Select(l => (JsonNode)l).ToArray()),
                ["targets"] = new JsonArray(targets.Distinct(StringComparer.Ordinal).Select(t => (JsonNode)t).ToArray()),
                ["accessMode"] = random.Next(5) == 0 ? AccessModes[random.Next(AccessModes.Length)] : template.AccessMode,
                ["cost"] = random.Next(8) == 0 ? Costs[random.Next(Costs.Length)] : template.Cost,
                ["languages"] = new JsonArray(template.Languages.Select(l => (JsonNode)l).ToArray()),
                ["lastReviewed"] = lastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["keywords"] = new JsonArray(template.Keywords.Select(k => (JsonNode)k).ToArray()),
            };
            yield return new GeneratedItem(ServiceId(i), "Servizio", new JsonObject
            {
                ["TitlePart"] = new JsonObject { ["title"] = title },
                ["AutoroutePart"] = new JsonObject { ["slug"] = Slug(title, i) },
                ["ServicePart"] = service,
            });
        }
    }

    public static string ServiceId(int number) => "srv-" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The public slug of service <paramref name="number"/>: the title made safe, then the number (unique).</summary>
    public static string Slug(string title, int number)
    {
        var builder = new StringBuilder();
        foreach (var c in title.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        slug = slug.Length <= 70 ? slug : slug[..70].TrimEnd('-');
        return slug + "-" + number.ToString(CultureInfo.InvariantCulture);
    }

    private static string LocationId(int index) => "sede-" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    private List<Organization> OrganizationList()
    {
        var random = new Random(_seed);
        var list = new List<Organization>();
        foreach (var comune in _comuni)
        {
            list.Add(new Organization($"org-comune-{comune.Slug}", $"Comune di {comune.Name}", "Comune", comune.Name,
                $"Servizi sociali, educativi e per la casa del Comune di {comune.Name}, in raccordo con la Società della Salute della zona.", list.Count + 1));
        }

        foreach (var asl in new[] { "Toscana nord ovest", "Toscana centro", "Toscana sud est" })
        {
            list.Add(new Organization("org-asl-" + Slugify(asl), "Azienda USL " + asl, "ASL", null,
                "Azienda sanitaria pubblica: Case della Comunità, consultori, salute mentale, SerD e cure domiciliari.", list.Count + 1));
        }

        foreach (var zone in new[] { "Pisana", "Valdera", "Alta Val di Cecina", "Livornese", "Bassa Val di Cecina", "Area Grossetana" })
        {
            list.Add(new Organization("org-sds-" + Slugify(zone), "Società della Salute " + zone, "SdS", null,
                "Consorzio tra i comuni della zona e l'Azienda USL: programma e gestisce i servizi sociali e socio-sanitari.", list.Count + 1));
        }

        var n = 0;
        while (list.Count < OrganizationCount)
        {
            var name = EtsNames[n % EtsNames.Length];
            var valley = Valleys[n / EtsNames.Length % Valleys.Length];
            var (form, suffix) = EtsForms[random.Next(EtsForms.Length)];
            var full = $"{form} {name} {valley}{suffix}";
            list.Add(new Organization("org-ets-" + (n + 1).ToString("D3", CultureInfo.InvariantCulture), full, "ETS", null,
                $"Ente del Terzo settore (fittizio) che collabora con i servizi pubblici {valley}: accoglienza, ascolto, attività di gruppo e accompagnamento.", list.Count + 1));
            n++;
        }

        return list;
    }

    private Comune PickComune(Random random)
    {
        // The first comuni are the larger towns: they get more services and locations, as in a real zone.
        var index = (int)(Math.Pow(random.NextDouble(), 1.8) * _comuni.Count);
        return _comuni[Math.Min(index, _comuni.Count - 1)];
    }

    private static JsonObject Contacts(int number, string handle) => new()
    {
        ["phone"] = FormattableString.Invariant($"0586 {number / 1000 % 1000:D3} {number % 1000:D3}"),
        ["email"] = handle + "@esempio.it",
        ["website"] = "https://www.esempio.it/bench/" + handle,
    };

    private static string Slugify(string text) => Slug(text, 0)[..^2];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> List(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : [];

    private sealed record Template(
        string Title,
        string Area,
        string? ShortDescription,
        string? WhoFor,
        string? HowTo,
        string? WhatYouNeed,
        string? WhatYouGet,
        string? TimesAndDeadlines,
        string? AccessChannel,
        string? Conditions,
        List<string> Targets,
        string? AccessMode,
        string? Cost,
        List<string> Keywords,
        List<string> Languages,
        string OrganizationType);

    private sealed record Organization(string Id, string Name, string Type, string? Comune, string Description, int Number);
}

/// <summary>A comune of the generated zone, with its postcode and approximate centre.</summary>
internal sealed record Comune(string Name, string Cap, double Latitude, double Longitude)
{
    /// <summary>Forty Tuscan comuni, larger towns first (they get more services).</summary>
    public static readonly IReadOnlyList<Comune> Tuscany =
    [
        new("Livorno", "57121", 43.5485, 10.3106), new("Pisa", "56121", 43.7228, 10.4017), new("Grosseto", "58100", 42.7635, 11.1124),
        new("Pontedera", "56025", 43.6631, 10.6324), new("Cecina", "57023", 43.3094, 10.5170), new("Rosignano Marittimo", "57016", 43.4050, 10.4720),
        new("Collesalvetti", "57014", 43.5897, 10.4753), new("Cascina", "56021", 43.6757, 10.5537), new("San Giuliano Terme", "56017", 43.7632, 10.4400),
        new("Piombino", "57025", 42.9253, 10.5265), new("Follonica", "58022", 42.9189, 10.7614), new("Volterra", "56048", 43.4020, 10.8613),
        new("Castiglione della Pescaia", "58043", 42.7629, 10.8814), new("Orbetello", "58015", 42.4410, 11.2123), new("Vecchiano", "56019", 43.7834, 10.3860),
        new("Calci", "56011", 43.7250, 10.5170), new("Vicopisano", "56010", 43.6990, 10.5830), new("Ponsacco", "56038", 43.6207, 10.6312),
        new("Capannoli", "56033", 43.5880, 10.6730), new("Peccioli", "56037", 43.5490, 10.7190), new("Lari", "56035", 43.5680, 10.5920),
        new("Bientina", "56031", 43.7100, 10.6200), new("Calcinaia", "56012", 43.6830, 10.6160), new("Buti", "56032", 43.7290, 10.5870),
        new("Santa Luce", "56040", 43.4710, 10.5620), new("Castellina Marittima", "56040", 43.4130, 10.5760), new("Bibbona", "57020", 43.2700, 10.5960),
        new("Castagneto Carducci", "57022", 43.1610, 10.6100), new("Campiglia Marittima", "57021", 43.0580, 10.6130), new("San Vincenzo", "57027", 43.0970, 10.5400),
        new("Roccastrada", "58036", 43.0090, 11.1680), new("Scansano", "58054", 42.6880, 11.3300), new("Campagnatico", "58042", 42.8840, 11.2730),
        new("Civitella Paganico", "58045", 42.9960, 11.2800), new("Capraia Isola", "57032", 43.0500, 9.8400), new("Pomarance", "56045", 43.2990, 10.8730),
        new("Montecatini Val di Cecina", "56040", 43.3920, 10.7490), new("Castelnuovo di Val di Cecina", "56041", 43.2100, 10.9050),
        new("Riparbella", "56046", 43.3650, 10.5990), new("Orciano Pisano", "56040", 43.4950, 10.5120),
    ];

    public string Slug => CatalogGenerator.Slug(Name, 0)[..^2];
}
