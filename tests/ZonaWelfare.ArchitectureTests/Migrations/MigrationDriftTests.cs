using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Testing;

namespace ZonaWelfare.ArchitectureTests.Migrations;

/// <summary>
/// Migrations are written by hand without model snapshots, so nothing in EF notices when a model changes and
/// no migration follows. Here every zone DbContext the shipped host registers (a new module's too, with no
/// change to this test) and the platform's registry get a database of their own, their migrations are applied,
/// and the schema that results must be exactly the one their model expects — on SQLite and on PostgreSQL.
/// </summary>
public abstract class MigrationDriftTests(MigrationDriftTests.Platform platform)
{
    public const string PlatformContext = "platform";

    /// <summary>The zone DbContexts of the shipped host, by type name, and the platform's registry.</summary>
    public static TheoryData<string> Contexts()
    {
        var data = new TheoryData<string>(HostRegistrations().Select(r => r.ContextType.FullName!).Order(StringComparer.Ordinal));
        data.Add(PlatformContext);
        return data;
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public async Task The_migrations_build_exactly_the_schema_the_model_expects(string contextName)
    {
        if (contextName == PlatformContext)
        {
            // The platform's store was created and migrated when the test platform started, from nothing.
            await using var db = await platform.Host.CreatePlatformContextAsync();
            await db.Database.OpenConnectionAsync();
            AssertNoDrift("PlatformDbContext", db);
            return;
        }

        var registration = platform.Host.Services.GetServices<ZoneDbContextRegistration>().Single(r => r.ContextType.FullName == contextName);
        // A zone of its own: only this context's tables are there to compare.
        var slug = "drift-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = await platform.Host.CreateBareZoneScopeAsync(slug, registration.ModuleId);
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
        await context.Database.MigrateAsync();
        AssertNoDrift(registration.ContextType.Name, context);
    }

    [Fact]
    public void The_theory_covers_every_zone_DbContext_the_test_platform_registers()
    {
        var registered = platform.Host.Services.GetServices<ZoneDbContextRegistration>().Select(r => r.ContextType).ToHashSet();

        Assert.Equal(HostRegistrations().Select(r => r.ContextType).ToHashSet(), registered);
        Assert.True(registered.Count >= 5, "Core, Users, Contents, Search and Bussola each register a zone DbContext.");
    }

    private void AssertNoDrift(string name, DbContext context)
    {
        var expected = SchemaFacts.Expected(context);
        var drift = SchemaFacts.Drift(expected, SchemaFacts.Actual(context));

        Assert.NotEmpty(expected);
        Assert.True(drift.Count == 0, $"""
            {name} on {platform.Kind}: its migrations do not build the schema its model expects. Add a migration for:
            {string.Join("\n", drift)}
            """);
    }

    /// <summary>The zone DbContext registrations of the shipped host, read from its services without building it.</summary>
    private static List<ZoneDbContextRegistration> HostRegistrations()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = ZonaWelfareHostingExtensions.TestingEnvironment });
        builder.AddZonaWelfare(typeof(Program).Assembly);
        return builder.Services.Where(d => d.ServiceType == typeof(ZoneDbContextRegistration)).Select(d => (ZoneDbContextRegistration)d.ImplementationInstance!).ToList();
    }

    /// <summary>A platform with the shipped host's modules over fresh storage, shared by one storage's drift tests.</summary>
    public abstract class Platform(StorageKind kind) : IAsyncLifetime
    {
        public StorageKind Kind { get; } = kind;

        public TestPlatform Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestPlatform.StartAsync(Kind, [], entryAssembly: typeof(Program).Assembly);

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    public sealed class SqlitePlatform() : Platform(StorageKind.Sqlite);

    public sealed class PostgresPlatform() : Platform(StorageKind.Postgres);
}

public sealed class SqliteMigrationDriftTests(MigrationDriftTests.SqlitePlatform platform) : MigrationDriftTests(platform), IClassFixture<MigrationDriftTests.SqlitePlatform>;

public sealed class PostgresMigrationDriftTests(MigrationDriftTests.PostgresPlatform platform) : MigrationDriftTests(platform), IClassFixture<MigrationDriftTests.PostgresPlatform>;
