using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Platform;

/// <summary>
/// First run: creates the platform store, the initial zones from their recipes (only while the registry
/// is empty) and the first platform administrator, whose generated password is printed once.
/// </summary>
internal sealed class PlatformInitializer(
    IZoneStorage storage,
    IDbContextFactory<PlatformDbContext> platform,
    IOptions<PlatformOptions> options,
    RecipeLibrary recipes,
    ZoneManager zones,
    PlatformUsers users,
    ILogger<PlatformInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsurePlatformStoreAsync(storage, platform, cancellationToken);
        // A creation killed mid-way (the process died) left a reservation and a store: nothing else ever sees them.
        await zones.DiscardInterruptedCreationsAsync(options.Value.InterruptedCreationAfter, cancellationToken);
        await CreateInitialZonesAsync(cancellationToken);
        await CreateAdministratorAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates and migrates the platform registry; the CLI calls it too.</summary>
    internal static async Task EnsurePlatformStoreAsync(IZoneStorage storage, IDbContextFactory<PlatformDbContext> platform, CancellationToken cancellationToken)
    {
        await storage.EnsurePlatformStoreAsync(cancellationToken);
        await using var db = await platform.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private async Task CreateInitialZonesAsync(CancellationToken cancellationToken)
    {
        await using (var db = await platform.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Zones.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        foreach (var initial in options.Value.InitialZones)
        {
            var recipe = recipes.Load(initial.Recipe);
            try
            {
                var result = await zones.CreateAsync(initial.Slug, recipe, actor: "setup", cancellationToken);
                logger.LogInformation("First run: zone {Zone} created from {Recipe} ({Changes} changes)", result.Slug, initial.Recipe, result.Changes.Count);
            }
            catch (ZoneExistsException)
            {
                // Another node, starting at the same time on the same store, creates it.
                logger.LogInformation("First run: zone {Zone} is being created by another node", initial.Slug);
            }
        }
    }

    private async Task CreateAdministratorAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }

        var userName = options.Value.AdminUserName;
        var configured = options.Value.AdminPassword;
        var password = string.IsNullOrEmpty(configured) ? PlatformUsers.GeneratePassword() : configured;
        await users.CreateAsync(userName, password, cancellationToken);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, on the console only: it is never stored in clear or logged.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" Amministratore della piattaforma creato: utente '{userName}'");
            Console.WriteLine($" Password (mostrata solo ora): {password}");
            Console.WriteLine(" Accedi a /admin e conservala in un luogo sicuro.");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
        else
        {
            logger.LogInformation("Platform administrator {User} created with the configured password", userName);
        }
    }
}
