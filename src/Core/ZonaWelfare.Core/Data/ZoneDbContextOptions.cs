using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Core.Storage;

namespace ZonaWelfare.Core.Data;

/// <summary>
/// The options of every zone DbContext, built once per context type for the whole process: the provider without a
/// connection (<see cref="ZoneDatabase.Attach"/> gives each context its scope's), the module's migrations history
/// table, the zone database's interceptors and the container's <see cref="IZoneDbInterceptor"/>s.
/// </summary>
internal sealed class ZoneDbContextOptions(IZoneStorage storage, IEnumerable<IZoneDbInterceptor> interceptors) : IZoneDbContextOptions
{
    private readonly IInterceptor[] _interceptors = [.. ZoneDatabase.Interceptors, .. interceptors];

    public void Configure(DbContextOptionsBuilder builder, string moduleId)
    {
        storage.UseZoneProvider(builder, "__migrations_" + moduleId.Replace('-', '_'));
        builder.AddInterceptors(_interceptors);
        // Migrations are written by hand to be provider-neutral, without model snapshots.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
