using ZonaWelfare.Abstractions.Contents;

namespace Microsoft.Extensions.DependencyInjection;

public static class ContentServiceCollectionExtensions
{
    /// <summary>Offers a typed part to the content types of zones that enable <paramref name="moduleId"/>.</summary>
    public static IServiceCollection AddContentPart<TPart>(this IServiceCollection services, string moduleId, string displayName, string description = "")
        where TPart : ContentPart =>
        services.AddSingleton(new ContentPartDescriptor(typeof(TPart).Name, typeof(TPart), moduleId, displayName, description));
}
