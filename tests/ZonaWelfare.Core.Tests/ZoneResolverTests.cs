using Microsoft.AspNetCore.Http;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Tests;

public sealed class ZoneResolverTests
{
    private static readonly ZoneDescriptor Livornese = Zone("livornese", "livorno.zonawelfare.example");
    private static readonly ZoneDescriptor Grossetana = Zone("grossetana");
    private readonly ZoneResolver _resolver = new(new FakeRegistry([Livornese, Grossetana]));

    [Fact]
    public async Task A_path_prefix_selects_the_zone_and_moves_into_the_path_base()
    {
        var match = await Resolve("localhost", "/grossetana/opendata/comuni.csv");

        Assert.NotNull(match);
        Assert.Equal("grossetana", match.Zone.Slug);
        Assert.Equal(ZoneMatchKind.PathPrefix, match.Kind);
        Assert.Equal("/grossetana", match.PathBase.Value);
        Assert.Equal("/opendata/comuni.csv", match.Path.Value);
    }

    [Fact]
    public async Task A_claimed_host_name_selects_the_zone_and_keeps_the_path()
    {
        var match = await Resolve("livorno.zonawelfare.example", "/opendata");

        Assert.NotNull(match);
        Assert.Equal("livornese", match.Zone.Slug);
        Assert.Equal(ZoneMatchKind.Host, match.Kind);
        Assert.Equal("/opendata", match.Path.Value);
    }

    [Fact]
    public async Task Host_names_are_case_insensitive()
    {
        var match = await Resolve("LIVORNO.ZonaWelfare.example", "/");

        Assert.Equal("livornese", match?.Zone.Slug);
    }

    [Fact]
    public async Task The_api_prefix_names_the_zone_in_its_second_segment()
    {
        var match = await Resolve("localhost", "/api/livornese/services");

        Assert.NotNull(match);
        Assert.Equal(ZoneMatchKind.ApiPathPrefix, match.Kind);
        Assert.Equal("/api/services", match.Path.Value);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/unknown/")]
    [InlineData("/api/unknown/services")]
    [InlineData("/api")]
    public async Task Platform_and_unknown_paths_have_no_zone(string path)
    {
        Assert.Null(await Resolve("localhost", path));
    }

    [Fact]
    public async Task Reserved_segments_are_never_zones_even_if_registered()
    {
        var resolver = new ZoneResolver(new FakeRegistry([Zone("admin")]));

        Assert.Null(await resolver.ResolveAsync(new HostString("localhost"), PathString.Empty, new PathString("/admin/"), CancellationToken.None));
    }

    private ValueTask<ZoneMatch?> Resolve(string host, string path) =>
        _resolver.ResolveAsync(new HostString(host), PathString.Empty, new PathString(path), CancellationToken.None);

    private static ZoneDescriptor Zone(string slug, params string[] hosts) =>
        new(slug, slug, ZoneState.Running, hosts, ["Comune"], new SortedSet<string>(), null, null, DateTime.UtcNow, DateTime.UtcNow);

    private sealed class FakeRegistry(IReadOnlyList<ZoneDescriptor> zones) : IZoneRegistry
    {
        public ValueTask<ZoneDescriptor?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(zones.FirstOrDefault(z => z.Slug == slug));

        public ValueTask<ZoneDescriptor?> FindByHostAsync(string host, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(zones.FirstOrDefault(z => z.HostNames.Contains(host, StringComparer.OrdinalIgnoreCase)));

        public Task<IReadOnlyList<ZoneDescriptor>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(zones);
    }
}
