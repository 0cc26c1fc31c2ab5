using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc;
using NetArchTest.Rules;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Core.Modules;

namespace ZonaWelfare.ArchitectureTests;

/// <summary>
/// One data-driven set of rules over every module the host ships, so no rule is copied per module:
/// modules meet only through ZonaWelfare.Abstractions, each has one public entry point and its own tests.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string RepositoryRoot = ZonaWelfare.Testing.RepositoryPaths.Root;
    private static readonly IReadOnlyList<ZoneModule> Modules = ModuleCatalog.Discover(typeof(Program).Assembly);

    private const string SearchModuleAssembly = "ZonaWelfare.Modules.Search";

    private static readonly string[] ModuleAssemblyNames = Modules.Select(m => m.GetType().Assembly.GetName().Name!).Distinct().ToArray();

    public static TheoryData<string> ModuleAssemblies() => new(ModuleAssemblyNames);

    [Fact]
    public void The_host_finds_a_module_in_every_project_under_src_Modules()
    {
        var folders = Directory.GetDirectories(Path.Combine(RepositoryRoot, "src", "Modules")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(folders, Modules.Select(m => m.GetType().Assembly.GetName().Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_assembly_references_no_other_module_assembly(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var others = ModuleAssemblyNames.Where(n => n != assemblyName).ToArray();

        Assert.Empty(assembly.GetReferencedAssemblies().Select(a => a.Name).Intersect(others));
        if (others.Length > 0)
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{assemblyName} uses types of another module: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_project_references_only_the_abstractions_among_our_projects(string assemblyName)
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot, "src", "Modules", assemblyName, assemblyName + ".csproj"));
        var references = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();

        Assert.Equal(["ZonaWelfare.Abstractions"], references);
        // Only the Search module knows the search engine (STYLE.md rule 9).
        string[] forbidden = assemblyName == SearchModuleAssembly ? ["ZonaWelfare.Core"] : ["ZonaWelfare.Core", "Lucene"];
        var result = Types.InAssembly(Assembly.Load(assemblyName)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{assemblyName} depends on the platform core or the search engine: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_has_a_test_project_of_its_own_that_references_it_and_runs_with_the_suite(string assemblyName)
    {
        var testProject = assemblyName + ".Tests";
        var path = Path.Combine(RepositoryRoot, "tests", testProject, testProject + ".csproj");

        Assert.True(File.Exists(path), $"{assemblyName} has no test project: create tests/{testProject}/{testProject}.csproj.");
        var references = XDocument.Load(path).Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
        Assert.True(references.Contains(assemblyName, StringComparer.Ordinal), $"tests/{testProject} does not reference the module it tests, {assemblyName}.");
        // ./build.sh test runs the projects of the solution.
        var solution = File.ReadAllText(Path.Combine(RepositoryRoot, "ZonaWelfare.sln")).Replace('\\', '/');
        Assert.True(solution.Contains($"\"tests/{testProject}/{testProject}.csproj\"", StringComparison.Ordinal), $"tests/{testProject} is not in ZonaWelfare.sln, so the suite does not run it.");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_modules_only_public_type_is_its_sealed_entry_point(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var entryPoints = assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(ZoneModule))).ToList();
        var others = assembly.GetExportedTypes()
            .Where(t => !t.IsSubclassOf(typeof(ZoneModule)) && !IsCompiledView(t))
            .Select(t => t.FullName)
            .ToList();

        var entryPoint = Assert.Single(entryPoints);
        Assert.True(entryPoint.IsSealed, $"{entryPoint.FullName} should be sealed.");
        Assert.True(others.Count == 0, $"{assemblyName} exposes more than its entry point: {string.Join(", ", others)}. Make them internal (the host finds internal controllers and view components).");
    }

    /// <summary>Core and every module.</summary>
    public static TheoryData<string> ConvertedPlatformAssemblies() =>
        new(ModuleAssemblyNames.Append(typeof(ZonaWelfare.Core.Hosting.ZonaWelfareHostingExtensions).Assembly.GetName().Name!));

    [Theory]
    [MemberData(nameof(ConvertedPlatformAssemblies))]
    public void Controllers_and_view_components_are_internal_sealed_and_get_services_through_their_constructor(string assemblyName)
    {
        var types = Assembly.Load(assemblyName).GetTypes().Where(t => !t.IsAbstract && IsControllerOrViewComponent(t)).ToList();

        Assert.All(types, t => Assert.True(t is { IsPublic: false, IsSealed: true }, $"{t.FullName} should be internal sealed."));
        if (types.Count > 0)
        {
            // GetService/GetRequiredService on HttpContext.RequestServices would hide what the class needs.
            var result = Types.InAssembly(Assembly.Load(assemblyName)).That().Inherit(typeof(ControllerBase)).Or().Inherit(typeof(ViewComponent))
                .ShouldNot().HaveDependencyOn("Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions").GetResult();
            Assert.True(result.IsSuccessful, $"These resolve services from the request instead of their constructor: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    private static bool IsControllerOrViewComponent(Type type) => typeof(ControllerBase).IsAssignableFrom(type) || typeof(ViewComponent).IsAssignableFrom(type);

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_assembly_is_named_after_its_folder_and_namespace(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        Assert.StartsWith("ZonaWelfare.Modules.", assemblyName, StringComparison.Ordinal);
        Assert.All(assembly.GetTypes().Where(t => t.Namespace is not null && !IsCompiledView(t) && !IsGeneratedByALibrary(t) && !t.Namespace.StartsWith("Microsoft", StringComparison.Ordinal) && !t.Namespace.StartsWith("System", StringComparison.Ordinal)),
            t => Assert.StartsWith(assemblyName, t.Namespace!, StringComparison.Ordinal));
    }

    /// <summary>
    /// Code a package's source generator adds in its own namespace, e.g. CsvHelper's registration of the
    /// [CsvRecord] mappers in CsvHelper.Generated: marked [GeneratedCode] by a tool that is not ours.
    /// </summary>
    private static bool IsGeneratedByALibrary(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>() is { Tool: { } tool } && !tool.StartsWith("ZonaWelfare", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void The_abstractions_depend_on_no_other_project()
    {
        var result = Types.InAssembly(typeof(ZoneModule).Assembly).ShouldNot().HaveDependencyOnAny("ZonaWelfare.Core", "ZonaWelfare.Modules", "ZonaWelfare.Web").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static bool IsCompiledView(Type type) => type.Namespace == "AspNetCoreGeneratedDocument" || type.Name.StartsWith("Views_", StringComparison.Ordinal);
}
