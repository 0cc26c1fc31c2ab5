using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Modules.Workflows.Data;
using ZonaWelfare.Modules.Workflows.Recipes;
using ZonaWelfare.Modules.Workflows.Services;

namespace ZonaWelfare.Modules.Workflows;

/// <summary>
/// Workflows: per-zone workflow types (versioned graphs of activities) started and resumed by content events, durable
/// timers and module signals, with typed conditions and tasks. Instances, timers and history live in the zone's
/// database; timers and events run as zone jobs, so nothing polls a zone.
/// </summary>
public sealed class WorkflowsModule : ZoneModule
{
    public const string Id = WorkflowsIds.Module;

    public override ModuleManifest Manifest { get; } = new(Id, "Flussi di lavoro", "Flussi avviati da eventi sui contenuti, scadenze e segnali dei moduli: notifiche, pubblicazioni, promemoria.", dependsOn: ["contents"]);

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddZoneDbContext<WorkflowsDbContext>(Id);
        services.AddSingleton<WorkflowActivityCatalog>();
        services.AddScoped<WorkflowTypeValidator>();
        services.AddScoped<WorkflowTypeStore>();
        services.AddScoped<WorkflowRunContext>();
        services.AddScoped<WorkflowRunner>();
        services.AddScoped<WorkflowInstanceQuery>();
        services.AddScoped<WorkflowEventQueue>();
        services.AddScoped<IWorkflowSignals>(sp => sp.GetRequiredService<WorkflowEventQueue>());
        services.AddContentHandler<WorkflowContentHandler>();
        services.AddZoneJob<WorkflowTriggerJob, WorkflowTriggerJobHandler>("workflows.trigger");
        services.AddZoneJob<WorkflowTimerJob, WorkflowTimerJobHandler>("workflows.timer");

        services.AddWorkflowActivity<ContentCreatedActivity>();
        services.AddWorkflowActivity<ContentUpdatedActivity>();
        services.AddWorkflowActivity<ContentPublishedActivity>();
        services.AddWorkflowActivity<ContentUnpublishedActivity>();
        services.AddWorkflowActivity<ContentRemovedActivity>();
        services.AddWorkflowActivity<ManualStartActivity>();
        services.AddWorkflowActivity<SignalActivity>();
        services.AddWorkflowActivity<TimerActivity>();
        services.AddWorkflowActivity<IfActivity>();
        services.AddWorkflowActivity<ForkActivity>();
        services.AddWorkflowActivity<JoinActivity>();
        services.AddWorkflowActivity<SendEmailActivity>();
        services.AddWorkflowActivity<SetFieldActivity>();
        services.AddWorkflowActivity<PublishActivity>();
        services.AddWorkflowActivity<UnpublishActivity>();
        services.AddWorkflowActivity<CreateContentActivity>();
        services.AddWorkflowActivity<AuditActivity>();

        services.AddSingleton<IRecipeStep, WorkflowsStep>();
        services.AddSingleton<IPermissionProvider, WorkflowsPermissions>();
        services.AddSingleton<IAdminMenuProvider, WorkflowsAdminMenu>();
    }
}

/// <summary>Who may see and change the zone's workflows.</summary>
internal sealed class WorkflowsPermissions : IPermissionProvider
{
    public const string ManageWorkflowsName = "ManageWorkflows";

    public static readonly Permission ManageWorkflows = new(ManageWorkflowsName, "Creare e modificare flussi di lavoro, avviarli, riprovare o annullare le istanze", WorkflowsIds.Module);

    public const string ViewWorkflowsName = "ViewWorkflows";

    public static readonly Permission ViewWorkflows = new(ViewWorkflowsName, "Consultare i flussi di lavoro e la storia delle istanze", WorkflowsIds.Module);

    public IEnumerable<Permission> GetPermissions() => [ManageWorkflows, ViewWorkflows];

    public IEnumerable<KeyValuePair<string, IEnumerable<Permission>>> GetDefaultGrants() =>
    [
        new(StandardRoles.Amministratore, [ManageWorkflows, ViewWorkflows]),
        new(StandardRoles.UfficioDiPiano, [ViewWorkflows]),
    ];
}

internal sealed class WorkflowsAdminMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
        [new(WorkflowsIds.Module, "Flussi di lavoro", "admin/workflows", WorkflowsPermissions.ViewWorkflows, Order: 40, Group: "Contenuti")];
}
