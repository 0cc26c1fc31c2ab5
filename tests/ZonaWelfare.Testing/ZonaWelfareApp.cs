using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;
using ZonaWelfare.Testing.Modules;

namespace ZonaWelfare.Testing;

/// <summary>
/// The real host over real storage, with its first run done: the Livornese and Grossetana zones from
/// their recipes, and a platform administrator. Test modules are added next to the real ones unless
/// <paramref name="withTestModules"/> is false. Each test project names its host's entry point.
/// </summary>
/// <typeparam name="TProgram">The host's entry point (the web project's <c>Program</c>).</typeparam>
public abstract class ZonaWelfareApp<TProgram>(StorageKind kind, bool withTestModules = true) : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    public const string AdminPassword = "Prova-Amministratore-2026";

    private readonly TempFolder _folder = new();
    private TestDatabase? _database;

    public StorageKind Kind { get; } = kind;

    public ZoneManager Zones => Services.GetRequiredService<ZoneManager>();

    public virtual async Task InitializeAsync()
    {
        if (Kind == StorageKind.Postgres)
        {
            _database = await TestPostgres.CreateDatabaseAsync();
        }

        // Starts the host, which runs the first-run set-up.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _folder.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public HttpClient Client(bool followRedirects = false, string host = "localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, BaseAddress = new Uri($"http://{host}") });

    public async Task<ZoneDescriptor> CreateZoneAsync(string slug, string recipeJson)
    {
        await Zones.CreateAsync(slug, RecipeDocument.Parse(recipeJson, "test.recipe.json"), "test");
        return (await Services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug))!;
    }

    /// <inheritdoc cref="ZoneScopes.InZoneAsync{T}(IServiceProvider, string, Func{IServiceProvider, Task{T}})"/>
    public Task<T> InZoneAsync<T>(string slug, Func<IServiceProvider, Task<T>> work) => Services.InZoneAsync(slug, work);

    /// <inheritdoc cref="ZoneScopes.InZoneAsync(IServiceProvider, string, Func{IServiceProvider, Task})"/>
    public Task InZoneAsync(string slug, Func<IServiceProvider, Task> work) => Services.InZoneAsync(slug, work);

    /// <inheritdoc cref="ZoneScopes.GetJsonAsync(HttpClient, string)"/>
    public Task<System.Text.Json.JsonElement> GetJsonAsync(string path) => Client().GetJsonAsync(path);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(ZonaWelfareHostingExtensions.TestingEnvironment);
        builder.UseSetting("Storage:Provider", Kind.ToString());
        builder.UseSetting("Storage:DataPath", _folder.Path);
        builder.UseSetting("ConnectionStrings:Postgres", _database?.ConnectionString ?? "");
        builder.UseSetting("Platform:AdminPassword", AdminPassword);
        builder.ConfigureTestServices(services =>
        {
            if (!withTestModules)
            {
                return;
            }

            services.AddZoneModule(new AlphaModule());
            services.AddZoneModule(new BetaModule());
            services.AddZoneModule(new NotesModule());
        });
    }
}
