using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Data;

namespace Microsoft.Extensions.DependencyInjection;

public static class ZoneDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's DbContext over the current zone's database. Its migrations run when a zone
    /// that enables <paramref name="moduleId"/> activates, with a history table of the module's own.
    /// </summary>
    public static IServiceCollection AddZoneDbContext<TContext>(this IServiceCollection services, string moduleId)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) => sp.GetRequiredService<IZoneDatabase>().Configure(options, moduleId));
        services.AddSingleton(new ZoneDbContextRegistration(typeof(TContext), moduleId));
        return services;
    }
}
