using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZonaWelfare.Abstractions.Data;

namespace Microsoft.Extensions.DependencyInjection;

public static class ZoneDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's DbContext over the current zone's database. Its migrations run when a zone
    /// that enables <paramref name="moduleId"/> activates, with a history table of the module's own.
    /// The options are built once per process (provider, history table, the platform's interceptors); each
    /// context of a scope is then pointed at the scope's zone connection (<see cref="IZoneDatabase.Attach"/>), so
    /// a request pays for no options building, only for the contexts it uses.
    /// </summary>
    public static IServiceCollection AddZoneDbContext<TContext>(this IServiceCollection services, string moduleId)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>(
            (sp, options) => sp.GetRequiredService<IZoneDbContextOptions>().Configure(options, moduleId),
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
        var create = ActivatorUtilities.CreateFactory<TContext>([]);
        services.Replace(ServiceDescriptor.Scoped(sp =>
        {
            // The scope's database first: created before the context, it is disposed after it.
            var database = sp.GetRequiredService<IZoneDatabase>();
            var context = create(sp, null);
            database.Attach(context);
            return context;
        }));
        services.AddSingleton(new ZoneDbContextRegistration(typeof(TContext), moduleId));
        return services;
    }
}
