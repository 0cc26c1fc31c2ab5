using System.Text.Json;
using System.Text.RegularExpressions;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Services;

/// <summary>
/// Checks a workflow type before it is saved, by a recipe or the editor: its graph, each activity's options (typed,
/// then the activity's own checks against the content types), and that every activity belongs to an enabled module.
/// Problems come with a path relative to the type (e.g. <c>activities[2].options.condition.field</c>).
/// </summary>
internal sealed partial class WorkflowTypeValidator(WorkflowActivityCatalog catalog, IServiceProvider services)
{
    public async Task<IReadOnlyList<(string Path, string Message)>> ValidateAsync(
        WorkflowTypeDefinition type,
        IReadOnlySet<string> enabledModules,
        Func<string, CancellationToken, Task<ContentTypeInfo?>> findContentType,
        CancellationToken cancellationToken)
    {
        var problems = new List<(string Path, string Message)>();
        void Report(string path, string message) => problems.Add((path, message));

        if (!NamePattern().IsMatch(type.Name))
        {
            Report("name", $"il nome «{type.Name}» non è valido: lettere, cifre e trattini, iniziando con una lettera (massimo 100).");
        }

        if (string.IsNullOrWhiteSpace(type.DisplayName))
        {
            Report("displayName", "manca il nome del flusso.");
        }

        if (type.Activities.Count == 0)
        {
            Report("activities", "il flusso non ha attività.");
        }

        var read = new Dictionary<string, (IWorkflowActivity Activity, object Options, int Index)>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < type.Activities.Count; i++)
        {
            var definition = type.Activities[i];
            var path = $"activities[{i}]";
            if (!ActivityIdPattern().IsMatch(definition.Id))
            {
                Report($"{path}.id", $"l'identificativo «{definition.Id}» non è valido: lettere minuscole, cifre e trattini.");
            }
            else if (!ids.Add(definition.Id))
            {
                Report($"{path}.id", $"l'identificativo «{definition.Id}» è usato da due attività.");
                continue;
            }

            if (catalog.Find(definition.Activity) is not { } activity)
            {
                Report($"{path}.activity", $"l'attività «{definition.Activity}» non esiste (attività disponibili: {string.Join(", ", catalog.Offered(enabledModules).Select(a => a.Name))}).");
                continue;
            }

            if (!enabledModules.Contains(activity.ModuleId))
            {
                Report($"{path}.activity", $"l'attività «{activity.DisplayName}» è del modulo «{activity.ModuleId}», che la zona non ha attivato.");
                continue;
            }

            object options;
            try
            {
                options = activity.ReadOptions(definition.Options);
            }
            catch (JsonException ex)
            {
                Report($"{path}.options{(ex.Path is { Length: > 1 } p ? p[1..] : "")}", $"opzioni non valide per «{activity.DisplayName}»: {Describe(ex)}");
                continue;
            }

            if (definition.Start && !activity.CanStart)
            {
                Report($"{path}.start", $"l'attività «{activity.DisplayName}» non può avviare il flusso: solo gli eventi possono.");
            }

            read[definition.Id] = (activity, options, i);
        }

        var starts = read.Values.Where(a => type.Activities[a.Index].Start).ToList();
        if (type.Activities.Count > 0 && starts.Count == 0 && problems.Count == 0)
        {
            Report("activities", "nessuna attività avvia il flusso: segnare un evento con «start»: true (ad esempio «Avvio manuale»).");
        }

        // The items the workflow is about: the types its start events are limited to (all of them, or unknown).
        var startTypes = starts.Select(s => s.Activity.ContentTypesOf(s.Options)).ToList();
        IReadOnlyList<string> contentTypes = startTypes.Count > 0 && startTypes.All(t => t.Count > 0)
            ? startTypes.SelectMany(t => t).Distinct(StringComparer.Ordinal).ToList()
            : [];

        foreach (var (id, (activity, options, index)) in read)
        {
            var context = new WorkflowValidationContext
            {
                ContentTypes = contentTypes,
                Services = services,
                FindContentTypeAsync = findContentType,
                Signals = catalog.Signals(enabledModules),
                IsStart = type.Activities[index].Start,
            };
            await activity.ValidateAsync(options, context, cancellationToken);
            foreach (var (path, message) in context.Problems)
            {
                Report($"activities[{index}].options{(path.Length > 0 ? "." + path : "")}", $"«{Title(type.Activities[index], activity)}»: {message}");
            }
        }

        for (var i = 0; i < type.Transitions.Count; i++)
        {
            var transition = type.Transitions[i];
            var path = $"transitions[{i}]";
            if (!read.TryGetValue(transition.From, out var from))
            {
                if (!type.Activities.Any(a => a.Id == transition.From))
                {
                    Report($"{path}.from", $"l'attività «{transition.From}» non esiste.");
                }

                continue;
            }

            if (!read.ContainsKey(transition.To) && !type.Activities.Any(a => a.Id == transition.To))
            {
                Report($"{path}.to", $"l'attività «{transition.To}» non esiste.");
            }

            var outcomes = from.Activity.Outcomes(from.Options);
            if (!outcomes.Any(o => o.Name == transition.Outcome))
            {
                Report($"{path}.outcome", $"«{Title(type.Activities[from.Index], from.Activity)}» non ha l'esito «{transition.Outcome}» (esiti: {string.Join(", ", outcomes.Select(o => o.Name))}).");
            }

            if (transition.To == transition.From)
            {
                Report($"{path}.to", "una transizione non può tornare alla stessa attività.");
            }
        }

        var duplicate = type.Transitions.GroupBy(t => (t.From, t.Outcome, t.To)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Report("transitions", $"la transizione da «{duplicate.Key.From}» ({duplicate.Key.Outcome}) a «{duplicate.Key.To}» compare due volte.");
        }

        return problems;
    }

    public static string Title(ActivityDefinition definition, IWorkflowActivity activity) =>
        string.IsNullOrWhiteSpace(definition.Title) ? $"{activity.DisplayName} ({definition.Id})" : definition.Title;

    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'');
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            return $"opzione sconosciuta «{(start >= 0 && end > start ? message[(start + 1)..end] : "?")}».";
        }

        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            var start = message.IndexOf("including:", StringComparison.Ordinal);
            return $"manca un'opzione obbligatoria: {(start >= 0 ? message[(start + 10)..].Trim().TrimEnd('.') : "")}.";
        }

        return message.Contains("could not be converted", StringComparison.Ordinal) ? "tipo di valore non valido." : message;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex ActivityIdPattern();
}
