using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Mail;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Models;

namespace ZonaWelfare.Modules.Workflows.Activities;

/// <summary>Base of the module's tasks.</summary>
internal abstract class WorkflowTask<TOptions> : WorkflowActivity<TOptions>
    where TOptions : class
{
    public override string ModuleId => WorkflowsIds.Module;

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Task;

    /// <summary>The item the instance is about; a task that needs one fails the instance without it.</summary>
    protected static ContentItem RequireItem(WorkflowExecutionContext context) =>
        context.Item ?? throw new InvalidOperationException(context.CorrelationId is null
            ? "Il flusso non riguarda un contenuto: questa attività ne ha bisogno."
            : $"Il contenuto {context.CorrelationId} non esiste più.");

    protected static async Task<IReadOnlyList<ContentTypeInfo>> TypesAsync(WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        var types = new List<ContentTypeInfo>();
        foreach (var name in context.ContentTypes)
        {
            if (await context.FindContentTypeAsync(name, cancellationToken) is { } type)
            {
                types.Add(type);
            }
        }

        return types;
    }
}

/// <param name="To">Addresses of the recipients.</param>
/// <param name="Subject">Subject, with placeholders such as <c>{titolo}</c>.</param>
/// <param name="Body">Plain text body, with placeholders.</param>
internal sealed record SendEmailOptions(IReadOnlyList<string> To, string Subject, string Body);

/// <summary>Sends an e-mail (a zone job: only if the run commits, retried until delivered).</summary>
internal sealed class SendEmailActivity : WorkflowTask<SendEmailOptions>
{
    public override string Name => "SendEmail";

    public override string DisplayName => "Invia e-mail";

    public override string Description => "Invia un messaggio di posta elettronica.";

    protected override Task ValidateAsync(SendEmailOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        if (options.To.Count == 0)
        {
            context.Add("to", "manca almeno un destinatario.");
        }

        for (var i = 0; i < options.To.Count; i++)
        {
            if (!MailAddress.TryCreate(options.To[i], out _))
            {
                context.Add($"to[{i}]", $"l'indirizzo «{options.To[i]}» non è un indirizzo e-mail valido.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Subject))
        {
            context.Add("subject", "manca l'oggetto.");
        }

        WorkflowText.Validate(options.Subject, "subject", context);
        WorkflowText.Validate(options.Body, "body", context);
        return Task.CompletedTask;
    }

    protected override async Task<ActivityResult> ExecuteAsync(SendEmailOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        var subject = await WorkflowText.RenderAsync(options.Subject, context, cancellationToken);
        var body = await WorkflowText.RenderAsync(options.Body, context, cancellationToken);
        await context.Services.GetRequiredService<IZoneMailer>().SendAsync(
            new ZoneMailMessage { To = options.To, Subject = subject, TextBody = body, Description = $"Flusso di lavoro: «{subject}» a {string.Join(", ", options.To)}" },
            cancellationToken);
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}

/// <param name="Field">A field of the item's type.</param>
/// <param name="Value">The value, of the field's kind (for a date, <c>AAAA-MM-GG</c> or <c>oggi</c>); null clears it.</param>
internal sealed record SetFieldOptions(string Field, JsonNode? Value);

/// <summary>Sets a field of the item's latest version (saved as a new version, like an editor's change).</summary>
internal sealed class SetFieldActivity : WorkflowTask<SetFieldOptions>
{
    public override string Name => "SetField";

    public override string DisplayName => "Imposta un campo";

    public override string Description => "Scrive un valore in un campo del contenuto.";

    protected override async Task ValidateAsync(SetFieldOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        var types = await TypesAsync(context, cancellationToken);
        if (types.Count == 0)
        {
            context.Add("field", $"il campo «{options.Field}» non si può verificare: l'evento di partenza deve indicare il tipo di contenuto (contentTypes).");
        }

        foreach (var type in types)
        {
            if (type.Field(options.Field) is not { } field)
            {
                context.Add("field", $"il campo «{options.Field}» non esiste nel tipo «{type.DisplayName}».");
                continue;
            }

            var value = options.Value;
            var fits = value is null || field.Type switch
            {
                ContentFieldType.Text or ContentFieldType.Markdown => value.GetValueKind() == JsonValueKind.String,
                ContentFieldType.Number => value.GetValueKind() == JsonValueKind.Number,
                ContentFieldType.Boolean => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
                ContentFieldType.Date => value.GetValueKind() == JsonValueKind.String && (value.GetValue<string>() == "oggi" || Conditions.TryDate(value, out _)),
                _ => false,
            };
            if (!fits)
            {
                context.Add("value", field.Type is ContentFieldType.Text or ContentFieldType.Markdown or ContentFieldType.Number or ContentFieldType.Boolean or ContentFieldType.Date
                    ? $"il valore non è adatto al campo «{field.DisplayName}» ({Conditions.KindName(field.Type)})."
                    : $"il campo «{field.DisplayName}» ({Conditions.KindName(field.Type)}) non si può impostare da un flusso.");
            }
        }
    }

    protected override async Task<ActivityResult> ExecuteAsync(SetFieldOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        var item = RequireItem(context);
        var value = options.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "oggi"
            ? JsonValue.Create(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, ZoneTime.Rome).DateTime).ToString("yyyy-MM-dd"))
            : options.Value?.DeepClone();
        item.SetField(options.Field, value);
        context.Item = await context.Contents.UpdateAsync(item, cancellationToken);
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}

/// <summary>Publishes the item's latest version.</summary>
internal sealed class PublishActivity : WorkflowTask<NoOptions>
{
    public override string Name => "Publish";

    public override string DisplayName => "Pubblica";

    public override string Description => "Pubblica l'ultima versione del contenuto.";

    protected override async Task<ActivityResult> ExecuteAsync(NoOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        context.Item = await context.Contents.PublishAsync(RequireItem(context).ContentItemId, cancellationToken);
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}

/// <summary>Takes the item off the public site.</summary>
internal sealed class UnpublishActivity : WorkflowTask<NoOptions>
{
    public override string Name => "Unpublish";

    public override string DisplayName => "Ritira dalla pubblicazione";

    public override string Description => "Ritira il contenuto dal sito pubblico.";

    protected override async Task<ActivityResult> ExecuteAsync(NoOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        var item = RequireItem(context);
        await context.Contents.UnpublishAsync(item.ContentItemId, cancellationToken);
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}

/// <param name="ContentType">The type of the new item.</param>
/// <param name="Title">Its title, with placeholders (of the instance's item).</param>
/// <param name="Fields">Field values of the new item, by field name.</param>
/// <param name="Publish">Publish it at once (else a draft).</param>
internal sealed record CreateContentOptions(string ContentType, string Title, JsonObject? Fields = null, bool Publish = false);

/// <summary>Creates a content item; the instance then goes on about the item it was about.</summary>
internal sealed class CreateContentActivity : WorkflowTask<CreateContentOptions>
{
    public override string Name => "CreateContent";

    public override string DisplayName => "Crea un contenuto";

    public override string Description => "Crea un nuovo contenuto, in bozza o pubblicato.";

    protected override async Task ValidateAsync(CreateContentOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        if (await context.FindContentTypeAsync(options.ContentType, cancellationToken) is not { } type)
        {
            context.Add("contentType", $"il tipo di contenuto «{options.ContentType}» non esiste.");
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Title))
        {
            context.Add("title", "manca il titolo.");
        }

        WorkflowText.Validate(options.Title, "title", context);
        foreach (var (name, _) in options.Fields ?? [])
        {
            if (type.Field(name) is null)
            {
                context.Add($"fields.{name}", $"il campo «{name}» non esiste nel tipo «{type.DisplayName}».");
            }
        }
    }

    protected override async Task<ActivityResult> ExecuteAsync(CreateContentOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        var item = await context.Contents.NewAsync(options.ContentType, cancellationToken);
        item.SetTitle(await WorkflowText.RenderAsync(options.Title, context, cancellationToken));
        foreach (var (name, value) in options.Fields ?? [])
        {
            item.SetField(name, value?.DeepClone());
        }

        var created = await context.Contents.CreateAsync(item, options.Publish, cancellationToken);
        context.Properties["createdContentItemId"] = created.ContentItemId;
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}

/// <param name="Message">What the audit trail records, with placeholders.</param>
internal sealed record AuditOptions(string Message);

/// <summary>Writes a line to the zone's audit trail, about the item.</summary>
internal sealed class AuditActivity : WorkflowTask<AuditOptions>
{
    public override string Name => "Audit";

    public override string DisplayName => "Registra nel registro attività";

    public override string Description => "Scrive una riga nel registro delle attività della zona.";

    protected override Task ValidateAsync(AuditOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Message))
        {
            context.Add("message", "manca il messaggio.");
        }

        WorkflowText.Validate(options.Message, "message", context);
        return Task.CompletedTask;
    }

    protected override async Task<ActivityResult> ExecuteAsync(AuditOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        var message = await WorkflowText.RenderAsync(options.Message, context, cancellationToken);
        await context.Services.GetRequiredService<IContentAuditTrail>().WriteAsync("workflow", message, context.Item, "Flusso di lavoro", cancellationToken);
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}
