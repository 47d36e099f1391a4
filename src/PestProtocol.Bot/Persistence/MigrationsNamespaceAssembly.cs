using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace PestProtocol.Bot.Persistence;

/// <summary>
/// Finds the migrations and the model snapshot among the types of <see cref="MigrationsNamespace"/> only. EF Core's own
/// lookup loads every type of the app's assembly to find them, and with them the assemblies those types touch: the
/// Graph SDK (about 7 MiB resident), Kiota, ScottPlot, PDFsharp and Npgsql, in a bot that uses none of them (development,
/// a school on configuration, SQLite). Same result as EF Core's lookup (same attributes, same order); when this finds no
/// migration for the context (migrations moved elsewhere) it falls back to EF Core's lookup.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF Core's pubternal default; we only narrow where it looks.
internal sealed class MigrationsNamespaceAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    /// <summary>Where <c>dotnet ef migrations add</c> puts them (Persistence/Migrations/Sqlite and /Postgres).</summary>
    public const string MigrationsNamespace = "PestProtocol.Bot.Persistence.Migrations";

    private readonly Type _contextType = currentContext.Context.GetType();
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= FindMigrations() ?? base.Migrations;

    public override ModelSnapshot? ModelSnapshot => _snapshot ??= FindSnapshot() ?? base.ModelSnapshot;

    private SortedList<string, TypeInfo>? FindMigrations()
    {
        var result = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in CandidateTypes())
        {
            if (type.IsSubclassOf(typeof(Migration)) && ForThisContext(type) && type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id)
            {
                result[id] = type.GetTypeInfo();
            }
        }

        return result.Count > 0 ? result : null;
    }

    private ModelSnapshot? FindSnapshot() =>
        CandidateTypes()
            .Where(t => t.IsSubclassOf(typeof(ModelSnapshot)) && ForThisContext(t))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!)
            .FirstOrDefault();

    private bool ForThisContext(Type type) => type.GetCustomAttribute<DbContextAttribute>(inherit: false)?.ContextType == _contextType;

    /// <summary>The concrete top-level classes of the migrations namespace, read from the metadata without loading the others.</summary>
    private List<Type> CandidateTypes()
    {
        var types = new List<Type>();
        if (string.IsNullOrEmpty(Assembly.Location) || !File.Exists(Assembly.Location))
        {
            return types; // single-file publish: EF Core's own lookup (the fallback) is used
        }

        using var pe = new PEReader(File.OpenRead(Assembly.Location));
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var definition = metadata.GetTypeDefinition(handle);
            if (definition.IsNested || (definition.Attributes & TypeAttributes.Abstract) != 0)
            {
                continue;
            }

            var ns = metadata.GetString(definition.Namespace);
            if (!ns.StartsWith(MigrationsNamespace, StringComparison.Ordinal))
            {
                continue;
            }

            if (Assembly.GetType(ns + "." + metadata.GetString(definition.Name), throwOnError: false) is { } type)
            {
                types.Add(type);
            }
        }

        return types;
    }
}
#pragma warning restore EF1001
