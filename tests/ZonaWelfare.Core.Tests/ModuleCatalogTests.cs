using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Core.Modules;

namespace ZonaWelfare.Core.Tests;

public sealed class ModuleCatalogTests
{
    private static readonly ModuleCatalog Catalog = new(
    [
        new FakeModule("contents", "Contenuti"),
        new FakeModule("search", "Ricerca"),
        new FakeModule("bussola", "Bussola dei servizi", "contents", "search"),
        new FakeModule("poa", "POA", "contents"),
        new FakeModule("report", "Relazioni", "poa"),
    ]);

    [Fact]
    public void Enabling_a_module_pulls_in_its_dependencies_transitively()
    {
        var change = Catalog.Enable([], ["report"]);

        Assert.True(change.Succeeded);
        Assert.Equal(["contents", "poa", "report"], change.Modules.Order());
    }

    [Fact]
    public void Enabling_keeps_what_was_already_enabled()
    {
        var change = Catalog.Enable(["search"], ["poa"]);

        Assert.Equal(["contents", "poa", "search"], change.Modules.Order());
    }

    [Fact]
    public void Disabling_a_module_that_an_enabled_module_needs_is_refused_naming_both()
    {
        var change = Catalog.Disable(["contents", "search", "bussola"], ["search"]);

        Assert.False(change.Succeeded);
        var error = Assert.Single(change.Errors);
        Assert.Contains("«Ricerca» (search)", error, StringComparison.Ordinal);
        Assert.Contains("«Bussola dei servizi» (bussola)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabling_a_module_together_with_its_dependants_is_allowed()
    {
        var change = Catalog.Disable(["contents", "search", "bussola"], ["search", "bussola"]);

        Assert.True(change.Succeeded);
        Assert.Equal(["contents"], change.Modules);
    }

    [Fact]
    public void Unknown_modules_are_reported_by_id()
    {
        var change = Catalog.Enable([], ["bussola", "nonesiste"]);

        Assert.Contains(change.Errors, e => e.Contains("'nonesiste'", StringComparison.Ordinal));
    }

    [Fact]
    public void Ordered_lists_dependencies_before_dependants()
    {
        var order = Catalog.Ordered.Select(m => m.Manifest.Id).ToList();

        Assert.True(order.IndexOf("contents") < order.IndexOf("poa"));
        Assert.True(order.IndexOf("poa") < order.IndexOf("report"));
        Assert.True(order.IndexOf("search") < order.IndexOf("bussola"));
    }

    [Fact]
    public void A_dependency_cycle_is_refused_at_start_up_with_the_cycle_in_the_message()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([new FakeModule("aa", "A", "bb"), new FakeModule("bb", "B", "aa")]));

        Assert.Contains("aa → bb → aa", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_dependency_is_refused_at_start_up()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([new FakeModule("aa", "A", "ghost")]));

        Assert.Contains("'ghost'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_modules_with_one_id_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new ModuleCatalog([new FakeModule("aa", "A"), new FakeModule("aa", "A2")]));
    }

    [Theory]
    [InlineData("Bussola")]
    [InlineData("a")]
    [InlineData("with space")]
    [InlineData("")]
    public void Invalid_module_ids_are_refused(string id)
    {
        Assert.Throws<ArgumentException>(() => new ModuleManifest(id, "Nome"));
    }

    private sealed class FakeModule(string id, string name, params string[] dependsOn) : ZoneModule
    {
        public override ModuleManifest Manifest { get; } = new(id, name, dependsOn: dependsOn);
    }
}
