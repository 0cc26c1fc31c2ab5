using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Testing;

/// <summary>Work in a zone's scope and reads of its JSON, as the hosts of every test project need them.</summary>
public static class ZoneScopes
{
    /// <summary>Runs <paramref name="work"/> in a scope of zone <paramref name="slug"/>, as a request or a job of that zone would.</summary>
    public static async Task<T> InZoneAsync<T>(this IServiceProvider services, string slug, Func<IServiceProvider, Task<T>> work)
    {
        var zone = await services.GetRequiredService<IZoneRegistry>().FindBySlugAsync(slug) ?? throw new InvalidOperationException($"No zone '{slug}'.");
        await using var scope = await services.GetRequiredService<IZoneScopeFactory>().CreateScopeAsync(zone);
        return await work(scope.ServiceProvider);
    }

    /// <inheritdoc cref="InZoneAsync{T}(IServiceProvider, string, Func{IServiceProvider, Task{T}})"/>
    public static Task InZoneAsync(this IServiceProvider services, string slug, Func<IServiceProvider, Task> work) =>
        services.InZoneAsync(slug, async scoped =>
        {
            await work(scoped);
            return true;
        });

    /// <summary>The JSON document at <paramref name="path"/>; anything but a 200 with <c>application/json</c> fails with the status and body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return response.StatusCode == HttpStatusCode.OK && mediaType == "application/json"
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {mediaType}, expected 200 application/json. {body}");
    }
}
