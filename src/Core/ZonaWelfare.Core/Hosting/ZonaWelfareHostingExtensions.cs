using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZonaWelfare.Abstractions.Data;
using ZonaWelfare.Abstractions.Jobs;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Data;
using ZonaWelfare.Core.Jobs;
using ZonaWelfare.Core.Mail;
using ZonaWelfare.Core.Modules;
using ZonaWelfare.Core.Platform;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Recipes.Steps;
using ZonaWelfare.Core.Settings;
using ZonaWelfare.Core.Storage;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Hosting;

/// <summary>The composition entry points of the platform: <c>AddZonaWelfare</c> and <c>UseZonaWelfare</c>.</summary>
public static class ZonaWelfareHostingExtensions
{
    public const string PlatformScheme = ZoneAuthentication.PlatformScheme;
    public const string PlatformAdminPolicy = "PlatformAdmin";
    private const string AutoScheme = "zw.auto";
    public const string PlatformAdminClaim = ZoneAuthentication.PlatformAdminClaim;

    /// <summary>The environment the test suites run the host in.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>Registers the platform and every module found in the assemblies <paramref name="entryAssembly"/> references.</summary>
    public static WebApplicationBuilder AddZonaWelfare(this WebApplicationBuilder builder, Assembly entryAssembly)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Where developers and tests run, a missing registration or a scoped service captured by a singleton
        // stops the host when the container is built, not on the first request that needs it.
        builder.Host.UseDefaultServiceProvider((context, options) =>
        {
            var strict = context.HostingEnvironment.IsDevelopment() || context.HostingEnvironment.IsEnvironment(TestingEnvironment);
            options.ValidateScopes = strict;
            options.ValidateOnBuild = strict;
        });

        // Serve the themes' and modules' static web assets from an unpublished build in every environment
        // (ASP.NET Core does it only in Development); a published app has no manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.SectionName));
        services.PostConfigure<StorageOptions>(o => o.PostgresConnectionString ??= configuration.GetConnectionString("Postgres"));
        services.Configure<PlatformOptions>(configuration.GetSection(PlatformOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        // The first hosted service: the platform store exists and is migrated before any other starts (Data
        // Protection's preloads the key ring from it, the eviction listener and the job scheduler use it).
        services.AddHostedService<PlatformInitializer>();

        AddStorage(services);
        AddZones(services);
        AddRecipes(services);
        AddJobs(services, configuration);
        AddMail(services, configuration);

        foreach (var module in ModuleCatalog.Discover(entryAssembly))
        {
            services.AddZoneModule(module);
        }

        services.AddSingleton(sp => new ModuleCatalog(sp.GetServices<ZoneModule>()));

        // Italian text stays readable in the HTML source: encode only what HTML needs, not every accented letter.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        var platformAssemblies = new PlatformAssemblies();
        services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddMvcOptions(options =>
            {
                options.Conventions.Add(new ModuleControllerConvention(platformAssemblies));
                ItalianModelBinding.Configure(options);
            })
            .AddViewOptions(options => options.HtmlHelperOptions.CheckBoxHiddenInputRenderMode = Microsoft.AspNetCore.Mvc.Rendering.CheckBoxHiddenInputRenderMode.Inline)
            .ConfigureApplicationPartManager(parts => UsePlatformFeatureProviders(parts, platformAssemblies))
            // As services, controllers and view components are part of the container's validation at start.
            .AddControllersAsServices()
            .AddViewComponentsAsServices();
        ZoneFileVersionProvider.Decorate(services);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "zw.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<Security.ZoneCookieEvents>();
        services.AddSingleton<Security.PlatformCookieEvents>();
        // Inside a zone the ambient user is the zone's own; platform administrators act in zones through [ZoneAdmin].
        services.AddAuthentication(options => options.DefaultScheme = AutoScheme)
            .AddPolicyScheme(AutoScheme, "Zona o piattaforma", options => options.ForwardDefaultSelector = http =>
                http.RequestServices.GetRequiredService<IZoneContext>().Zone is null ? PlatformScheme : ZoneAuthentication.ZoneScheme)
            .AddCookie(ZoneAuthentication.ZoneScheme, options =>
            {
                SessionCookie(options, "zw.zone", "/account");
                options.EventsType = typeof(Security.ZoneCookieEvents);
            })
            .AddCookie(PlatformScheme, options =>
            {
                SessionCookie(options, "zw.platform", "/admin");
                options.EventsType = typeof(Security.PlatformCookieEvents);
            });
        services.AddAuthorizationBuilder().AddPolicy(PlatformAdminPolicy, policy => policy
            .AddAuthenticationSchemes(PlatformScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PlatformAdminClaim));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Security.PlatformAdminPermissionHandler>();
        services.AddSingleton<Security.DeclaredPermissions>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, Security.ZonePermissionPolicyProvider>();
        services.AddSingleton<ZonaWelfare.Abstractions.Security.IPermissionProvider, Security.CorePermissions>();
        services.AddScoped<ZonaWelfare.Abstractions.Admin.IAdminMenu, Security.AdminMenu>();
        services.AddScoped<IZoneNavigation, ZoneNavigation>();
        services.AddScoped<ZonaWelfare.Abstractions.Contents.Display.IDisplaySlots, Display.DisplaySlotRenderer>();
        AddPublicApis(services);
        services.AddOutputCache(options => options.AddPolicy(ZonaWelfare.Abstractions.Caching.ZoneOutputCache.PolicyName, new Caching.ZoneOutputCachePolicy()));
        services.AddScoped<ZonaWelfare.Abstractions.Caching.IZoneCacheInvalidator, Caching.ZoneCacheInvalidator>();
        services.AddSingleton<Caching.ZoneEvictions>();
        services.AddSingleton<Caching.ZoneDataCache>();
        services.AddScoped<ZonaWelfare.Abstractions.Caching.IZoneDataCache, Caching.CurrentZoneDataCache>();
        services.AddHostedService<Caching.ClusterEvictionListener>();
        AddSharedKeyRing(services, configuration);
        // After the initializer: the scheduler validates the job store tables its migration creates.
        services.AddHostedService<ZoneJobsHost>();
        return builder;
    }

    /// <summary>Adds a module to the host: its services, and its entry in the module catalog.</summary>
    public static IServiceCollection AddZoneModule(this IServiceCollection services, ZoneModule module)
    {
        services.AddSingleton(module);
        module.ConfigureServices(services);
        return services;
    }

    /// <summary>The request pipeline: zone resolution, static assets, routing, authentication, endpoints of the platform and modules.</summary>
    public static WebApplication UseZonaWelfare(this WebApplication app)
    {
        app.UseMiddleware<Security.SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // Under /api a bare status (no endpoint, wrong method) answers as problem+json, not as an HTML page.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(PublicApi.PathPrefix, StringComparison.OrdinalIgnoreCase),
            api => api.UseStatusCodePages(ApiStatusCodePage));
        app.UseMiddleware<ZoneResolutionMiddleware>();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapControllers();
        foreach (var module in app.Services.GetRequiredService<ModuleCatalog>().Ordered)
        {
            var zone = app.MapGroup("").WithMetadata(new ZoneEndpointAttribute(module.Manifest.Id));
            module.MapZoneEndpoints(zone);
        }

        app.Services.GetRequiredService<Security.DeclaredPermissions>().VerifyEndpoints(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints));
        return app;
    }

    /// <summary>MVC's discovery of controllers and view components, extended to the internal ones of Core and the modules.</summary>
    private static void UsePlatformFeatureProviders(Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartManager parts, PlatformAssemblies assemblies)
    {
        var providers = parts.FeatureProviders;
        for (var i = 0; i < providers.Count; i++)
        {
            providers[i] = providers[i] switch
            {
                Microsoft.AspNetCore.Mvc.Controllers.ControllerFeatureProvider => new PlatformControllerFeatureProvider(assemblies),
                Microsoft.AspNetCore.Mvc.ViewComponents.ViewComponentFeatureProvider => new PlatformViewComponentFeatureProvider(assemblies),
                var other => other,
            };
        }
    }

    /// <summary>
    /// What the zones' public APIs share: problem details for errors, and a CORS policy that lets any site
    /// read them (GET/HEAD, no credentials). Only endpoints that ask for the policy get CORS headers.
    /// </summary>
    private static void AddPublicApis(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddCors(options => options.AddPolicy(PublicApi.CorsPolicyName, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Options)
            .AllowAnyHeader()
            .WithExposedHeaders("Link", "Content-Disposition")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
    }

    private static async Task ApiStatusCodePage(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Risorsa non trovata", "Indirizzo sconosciuto: l'API non esiste in questa zona, o la zona non ha attivato il modulo che la offre."),
            StatusCodes.Status405MethodNotAllowed => ("Metodo non consentito", "L'API accetta solo letture (GET, HEAD)."),
            _ => (Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), null),
        };

        // Written directly: the problem details service defers to MVC's writer when the endpoint that said
        // 404 is a controller (the zone's content pages catch-all), and that one writes nothing here.
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;
        await http.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    /// <summary>An HttpOnly, SameSite=Lax sign-in cookie that slides over an 8-hour working day.</summary>
    private static void SessionCookie(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions options, string name, string accountPath)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = accountPath + "/login";
        options.LogoutPath = accountPath + "/logout";
        options.AccessDeniedPath = accountPath + "/login";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
    }

    /// <summary>
    /// One Data Protection key ring for every node, kept in the platform store, so a sign-in cookie or a form token
    /// made by one node is read by the others. The keys are encrypted at rest with the certificate configured in
    /// <c>DataProtection:CertificatePath</c> (and <c>DataProtection:CertificatePassword</c>); without one they are
    /// stored as the platform database protects them, and the host says so at start.
    /// </summary>
    private static void AddSharedKeyRing(IServiceCollection services, ConfigurationManager configuration)
    {
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("ZonaWelfare")
            .PersistKeysToDbContext<PlatformDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]));
        }
    }

    private static void AddStorage(IServiceCollection services)
    {
        services.AddSingleton<DataPaths>();
        services.AddSingleton<IZoneStorage>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.Postgres => ActivatorUtilities.CreateInstance<PostgresZoneStorage>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteZoneStorage>(sp),
        });
        services.AddDbContextFactory<PlatformDbContext>((sp, options) =>
        {
            sp.GetRequiredService<IZoneStorage>().ConfigurePlatform(options);
            options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
        });
        services.AddSingleton<IZoneDbContextOptions, ZoneDbContextOptions>();
        services.AddScoped<ZoneDatabase>();
        services.AddScoped<IZoneDatabase>(sp => sp.GetRequiredService<ZoneDatabase>());
        services.AddZoneDbContext<CoreZoneDbContext>(CoreZoneDbContext.ModuleId);
        services.AddScoped<ZoneSettingsStore>();
        services.AddScoped<IZoneSettingsStore>(sp => sp.GetRequiredService<ZoneSettingsStore>());
        services.AddZoneSettingsSection<SiteSettings>(SiteSettings.SectionName);
        services.AddZoneSettingsSection<ThemeSettings>(ThemeSettings.SectionName);
    }

    private static void AddZones(IServiceCollection services)
    {
        services.AddScoped<ZoneContext>();
        services.AddScoped<IZoneContext>(sp => sp.GetRequiredService<ZoneContext>());
        services.AddScoped<IZoneContextAccessor>(sp => sp.GetRequiredService<ZoneContext>());
        services.AddSingleton<ZoneRegistry>();
        services.AddSingleton<IZoneRegistry>(sp => sp.GetRequiredService<ZoneRegistry>());
        services.AddSingleton<ZoneResolver>();
        services.AddSingleton<ZoneActivator>();
        services.AddHostedService<ZoneReleaseService>();
        services.AddSingleton<IZoneScopeFactory, ZoneScopeFactory>();
        // ZoneManager and PlatformUsers are public services over internal storage types: built here, where their constructors are visible.
        services.AddSingleton(sp => new ZoneManager(
            sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(),
            sp.GetRequiredService<RecipeEngine>(),
            sp.GetRequiredService<ZoneActivator>(),
            sp.GetRequiredService<ZoneRegistry>(),
            sp.GetRequiredService<IZoneStorage>(),
            sp.GetRequiredService<ModuleCatalog>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ZoneManager>>(),
            sp.GetRequiredService<Caching.ZoneEvictions>()));
        services.AddSingleton(sp => new PlatformUsers(sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ZoneEndpointMatcherPolicy>());
    }

    /// <summary>Durable zone jobs: <see cref="ZonaWelfare.Abstractions.Jobs.IZoneJobQueue"/> over Quartz.NET in the platform database.</summary>
    private static void AddJobs(IServiceCollection services, ConfigurationManager configuration)
    {
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.SectionName));
        services.AddSingleton<ZoneJobScheduler>();
        services.AddSingleton<ZoneJobDispatchJob>();
        services.AddSingleton<ZoneJobPruneJob>();
        services.AddScoped<ZonaWelfare.Abstractions.Jobs.IZoneJobQueue, ZoneJobQueue>();
        // Public over internal types: built here, where its constructor is visible.
        services.AddScoped(sp => new ZoneJobAdmin(
            sp.GetRequiredService<IZoneContext>(),
            sp.GetRequiredService<IZoneDatabase>(),
            sp.GetRequiredService<CoreZoneDbContext>(),
            sp.GetRequiredService<ZoneJobScheduler>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ZonaWelfare.Abstractions.Admin.IAdminMenuProvider, Security.CoreAdminMenu>();
    }

    /// <summary>Zone e-mail: <see cref="ZonaWelfare.Abstractions.Mail.IZoneMailer"/> enqueues a zone job that writes an <c>.eml</c> file or sends over SMTP.</summary>
    private static void AddMail(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddScoped<ZonaWelfare.Abstractions.Mail.IZoneMailer, ZoneMailer>();
        services.AddZoneJob<SendMailJob, SendMailHandler>(SendMailJob.JobName);
    }

    private static void AddRecipes(IServiceCollection services)
    {
        services.AddSingleton<RecipeEngine>();
        services.AddSingleton<RecipeLibrary>();
        services.AddSingleton<IRecipeStep, ZoneStep>();
        services.AddSingleton<IRecipeStep, FeaturesStep>();
        services.AddSingleton<IRecipeStep, SettingsStep>();
    }
}
