using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace ZonaWelfare.ArchitectureTests.Migrations;

/// <summary>
/// A schema as a set of one-line facts — a table, a column with its store type and nullability, a primary
/// key, an index and whether it is unique, a foreign key and its delete rule — read either from a context's
/// EF model (what the code expects) or from a database its migrations built (what it gets). Comparing the
/// two sets finds what hand-written migrations forgot, on the provider at hand.
/// </summary>
internal static class SchemaFacts
{
    /// <summary>What the context's model expects of the database, as its provider maps it.</summary>
    public static SortedSet<string> Expected(DbContext context)
    {
        // The design-time model keeps everything migrations would see; the runtime model may drop some of it.
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in model.Tables.Where(t => !t.IsExcludedFromMigrations))
        {
            facts.Add($"table {table.Name}");
            foreach (var column in table.Columns)
            {
                facts.Add(Column(table.Name, column.Name, column.StoreType, column.IsNullable));
            }

            if (table.PrimaryKey is { } key)
            {
                facts.Add(PrimaryKey(table.Name, key.Columns.Select(c => c.Name)));
            }

            foreach (var index in table.Indexes)
            {
                facts.Add(Index(table.Name, index.Columns.Select(c => c.Name), index.IsUnique));
            }

            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                facts.Add(Index(table.Name, unique.Columns.Select(c => c.Name), unique: true));
            }

            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                facts.Add(ForeignKey(table.Name, foreignKey.Columns.Select(c => c.Name), foreignKey.PrincipalTable.Name, foreignKey.PrincipalColumns.Select(c => c.Name), foreignKey.OnDeleteAction));
            }
        }

        return facts;
    }

    /// <summary>What the database the context is connected to holds (its current schema only), as the provider's scaffolder reads it.</summary>
    public static SortedSet<string> Actual(DbContext context)
    {
        var connection = context.Database.GetDbConnection();
        string[] schemas = context.Database.IsNpgsql() ? [CurrentSchema(context)] : [];
        var database = DatabaseModelFactory(context).Create(connection, new DatabaseModelFactoryOptions(tables: [], schemas: schemas));
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        // EF's own bookkeeping: the migrations history tables and the migration lock. And Quartz.NET's job store
        // (qrtz_*): the PlatformJobStore migration runs Quartz's own scripts, and Quartz reads the tables through
        // ADO.NET; no EF model maps them, so there is nothing to compare them with.
        foreach (var table in database.Tables.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !t.Name.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)))
        {
            facts.Add($"table {table.Name}");
            foreach (var column in table.Columns)
            {
                facts.Add(Column(table.Name, column.Name, column.StoreType!, column.IsNullable));
            }

            if (table.PrimaryKey is { } key)
            {
                facts.Add(PrimaryKey(table.Name, key.Columns.Select(c => c.Name)));
            }

            foreach (var index in table.Indexes)
            {
                facts.Add(Index(table.Name, index.Columns.Select(c => c.Name), index.IsUnique));
            }

            foreach (var unique in table.UniqueConstraints)
            {
                facts.Add(Index(table.Name, unique.Columns.Select(c => c.Name), unique: true));
            }

            foreach (var foreignKey in table.ForeignKeys)
            {
                facts.Add(ForeignKey(table.Name, foreignKey.Columns.Select(c => c.Name), foreignKey.PrincipalTable.Name, foreignKey.PrincipalColumns.Select(c => c.Name), foreignKey.OnDelete ?? ReferentialAction.NoAction));
            }
        }

        return facts;
    }

    /// <summary>Each fact only one side has, marked with the side that has it; empty when the migrations build what the model expects.</summary>
    public static IReadOnlyList<string> Drift(IReadOnlySet<string> expected, IReadOnlySet<string> actual) =>
        expected.Except(actual).Select(f => "model only:      " + f)
            .Concat(actual.Except(expected).Select(f => "migrations only: " + f))
            .ToList();

    private static string Column(string table, string column, string storeType, bool nullable) =>
        $"column {table}.{column} {storeType.Trim().ToLowerInvariant()} {(nullable ? "null" : "not null")}";

    private static string PrimaryKey(string table, IEnumerable<string> columns) => $"primary key {table} ({string.Join(", ", columns)})";

    private static string Index(string table, IEnumerable<string> columns, bool unique) => $"{(unique ? "unique index" : "index")} {table} ({string.Join(", ", columns)})";

    private static string ForeignKey(string table, IEnumerable<string> columns, string principal, IEnumerable<string> principalColumns, ReferentialAction onDelete) =>
        $"foreign key {table} ({string.Join(", ", columns)}) -> {principal} ({string.Join(", ", principalColumns)}) on delete {onDelete}";

    private static string CurrentSchema(DbContext context)
    {
        var connection = context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_schema()";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    /// <summary>
    /// The provider's reverse-engineering service, found the way EF's tools find it (the provider assembly's
    /// <see cref="DesignTimeProviderServicesAttribute"/>) and built from the context's own services.
    /// </summary>
    private static IDatabaseModelFactory DatabaseModelFactory(DbContext context)
    {
        var provider = Assembly.Load(new AssemblyName(context.Database.ProviderName!));
        var attribute = provider.GetCustomAttribute<DesignTimeProviderServicesAttribute>()
            ?? throw new InvalidOperationException($"{provider.GetName().Name} declares no design-time services.");
        var designTime = (IDesignTimeServices)Activator.CreateInstance(provider.GetType(attribute.TypeName, throwOnError: true)!)!;
        var services = new ServiceCollection();
        designTime.ConfigureDesignTimeServices(services);
        var factoryType = services.Last(d => d.ServiceType == typeof(IDatabaseModelFactory)).ImplementationType!;
        return (IDatabaseModelFactory)ActivatorUtilities.CreateInstance(context.GetInfrastructure(), factoryType);
    }
}
