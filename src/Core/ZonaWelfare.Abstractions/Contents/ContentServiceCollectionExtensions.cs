using Microsoft.Extensions.DependencyInjection.Extensions;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;

namespace Microsoft.Extensions.DependencyInjection;

public static class ContentServiceCollectionExtensions
{
    /// <summary>Offers a typed part to the content types of zones that enable <paramref name="moduleId"/>.</summary>
    public static IServiceCollection AddContentPart<TPart>(this IServiceCollection services, string moduleId, string displayName, string description = "")
        where TPart : ContentPart =>
        services.AddSingleton(new ContentPartDescriptor(typeof(TPart).Name, typeof(TPart), moduleId, displayName, description));

    /// <summary>Registers the editor and display of a part (scoped, so it may use the zone's services).</summary>
    public static IServiceCollection AddContentPartDriver<TDriver>(this IServiceCollection services)
        where TDriver : class, IContentPartDriver
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IContentPartDriver, TDriver>());
        return services;
    }

    /// <summary>Registers the rules of a part (scoped); they must not depend on zone data (see <see cref="IContentPartValidator"/>).</summary>
    public static IServiceCollection AddContentPartValidator<TValidator>(this IServiceCollection services)
        where TValidator : class, IContentPartValidator
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IContentPartValidator, TValidator>());
        return services;
    }

    /// <summary>Registers a content handler (scoped); the platform calls it only in zones that enable its module.</summary>
    public static IServiceCollection AddContentHandler<THandler>(this IServiceCollection services)
        where THandler : class, IContentHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IContentHandler, THandler>());
        return services;
    }

    /// <summary>Registers a contributor to a display slot (scoped); shown only in zones that enable its module.</summary>
    public static IServiceCollection AddDisplaySlotContributor<TContext, TContributor>(this IServiceCollection services)
        where TContext : class
        where TContributor : class, IDisplaySlotContributor<TContext>
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDisplaySlotContributor<TContext>, TContributor>());
        return services;
    }
}
