using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Modules.Contents.Data;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Published items whose editors chose "Mostra nel menu", from the menu index. The database is reached
/// only when asked: the provider is built on platform pages too, where there is no zone database.
/// </summary>
internal sealed class ContentsNavigationProvider(IServiceProvider services) : INavigationProvider
{
    public string ModuleId => ContentsIds.Module;

    public async Task<IEnumerable<NavigationItem>> GetItemsAsync(CancellationToken cancellationToken) =>
        (await services.GetRequiredService<ContentsDbContext>().Menu.AsNoTracking().OrderBy(m => m.Order).ThenBy(m => m.Text).ToListAsync(cancellationToken))
            .Select(m => new NavigationItem(ContentsIds.Module, m.Text, m.Path, m.Order));
}
