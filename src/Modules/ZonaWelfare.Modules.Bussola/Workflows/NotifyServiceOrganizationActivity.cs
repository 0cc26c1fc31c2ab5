using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Mail;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Modules.Bussola.Models;

namespace ZonaWelfare.Modules.Bussola.Workflows;

/// <param name="Subject">The e-mail's subject; <c>{servizio}</c> is the service's title.</param>
/// <param name="Body">The text; <c>{servizio}</c>, <c>{ultimaRevisione}</c> and <c>{indirizzo}</c> (the public page) are filled in.</param>
internal sealed record NotifyServiceOrganizationOptions(
    string Subject = "Scheda da rivedere: {servizio}",
    string Body = "La scheda «{servizio}» nella Bussola dei servizi non è stata rivista dal {ultimaRevisione}.\nControllate che sia ancora corretta: {indirizzo}");

/// <summary>
/// A workflow task the Bussola offers: e-mails the Ente of the service the instance is about, at the address in the
/// Ente's contacts. Leaves by <c>done</c>, or by <c>noEmail</c> when the service has no Ente or the Ente no e-mail.
/// </summary>
internal sealed class NotifyServiceOrganizationActivity : WorkflowActivity<NotifyServiceOrganizationOptions>
{
    public static readonly WorkflowOutcome NoEmail = new("noEmail", "Ente senza e-mail");

    public override string Name => "NotifyServiceOrganization";

    public override string ModuleId => BussolaModule.Id;

    public override string DisplayName => "Avvisa l'ente del servizio";

    public override string Description => "Scrive all'ente che offre il servizio, all'indirizzo e-mail dei suoi contatti.";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Task;

    protected override IReadOnlyList<WorkflowOutcome> Outcomes(NotifyServiceOrganizationOptions options) => [WorkflowOutcomes.Done, NoEmail];

    protected override async Task ValidateAsync(NotifyServiceOrganizationOptions options, WorkflowValidationContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Subject))
        {
            context.Add("subject", "manca l'oggetto.");
        }

        if (context.ContentTypes.Count == 0)
        {
            context.Add("", "il flusso deve partire da un evento su schede di servizio (contentTypes).");
        }

        foreach (var name in context.ContentTypes)
        {
            if (await context.FindContentTypeAsync(name, cancellationToken) is { } type && !type.HasPart(nameof(ServicePart)))
            {
                context.Add("", $"il tipo «{type.DisplayName}» non è una scheda di servizio (non ha la parte Servizio).");
            }
        }
    }

    protected override async Task<ActivityResult> ExecuteAsync(NotifyServiceOrganizationOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken)
    {
        var service = context.Item?.As<ServicePart>() ?? throw new InvalidOperationException("Il flusso non riguarda una scheda di servizio.");
        var organization = service.OrganizationId is { } id ? await context.Contents.GetAsync(id, VersionOptions.Published, cancellationToken) : null;
        var email = organization?.As<OrganizationPart>()?.Contacts?.Email;
        if (string.IsNullOrWhiteSpace(email))
        {
            return ActivityResult.Done(NoEmail.Name);
        }

        var path = await context.Services.GetRequiredService<IContentMetadata>().PublicPathAsync(context.Item, cancellationToken);
        var zone = context.Services.GetRequiredService<IZoneContext>().Current;
        var address = path is null ? "" : zone.HostNames.Count > 0 ? $"https://{zone.HostNames[0]}/{path}" : $"/{zone.Slug}/{path}";
        string Fill(string text) => text
            .Replace("{servizio}", context.Item.DisplayText, StringComparison.Ordinal)
            .Replace("{ultimaRevisione}", service.LastReviewed ?? "la pubblicazione", StringComparison.Ordinal)
            .Replace("{indirizzo}", address, StringComparison.Ordinal);
        await context.Services.GetRequiredService<IZoneMailer>().SendAsync(
            new ZoneMailMessage { To = [email], Subject = Fill(options.Subject), TextBody = Fill(options.Body), Description = $"Bussola: scheda da rivedere «{context.Item.DisplayText}» a {email}" },
            cancellationToken);
        return ActivityResult.Done(WorkflowOutcomes.Done.Name);
    }
}
