using Microsoft.Extensions.DependencyInjection.Extensions;
using ZonaWelfare.Abstractions.Workflows;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Offers an activity to workflow types (singleton: activities get zone services from their context).</summary>
    public static IServiceCollection AddWorkflowActivity<TActivity>(this IServiceCollection services)
        where TActivity : class, IWorkflowActivity
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowActivity, TActivity>());
        return services;
    }

    /// <summary>
    /// Declares a signal a module raises with <see cref="IWorkflowSignals.RaiseAsync{TSignal}"/>: workflows start or
    /// resume on it by <paramref name="name"/> (stable, e.g. <c>coprogrammazione.domanda-ricevuta</c>).
    /// </summary>
    public static IServiceCollection AddWorkflowSignal<TSignal>(this IServiceCollection services, string moduleId, string name, string displayName)
        where TSignal : class =>
        services.AddSingleton(new WorkflowSignalDescriptor(name, moduleId, displayName, typeof(TSignal)));
}
