using Ktu.Web.Data.Interceptors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

public static class DataSetup
{
    public const string DefaultSqlite = "Data Source=data/ktu.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration) =>
        string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(configuration["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite by default; PostgreSQL when Database__Provider=Postgres (ADR 0003). Contexts come from a pool: making a
    /// fresh one with its internal services for every request was a tenth of a draft save's CPU (bench/README.md).
    /// The interceptors are therefore shared by all contexts and keep per-context state beside the context.
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderFrom(configuration);
        var anchors = AuditAnchors.From(configuration, provider);
        services.AddSingleton(anchors);
        services.AddHostedService<AuditCheckpoints>();
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new InvalidOperationException("Database__Provider=Postgres krever ConnectionStrings__Postgres.");
            }
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(cs, n =>
            {
                n.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name);
                n.EnableRetryOnFailure(3);
                n.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);
            }).AddInterceptors(new SubmissionsAreImmutable(), AuditTrailIsAppendOnly.Guard(), AuditTrailIsAppendOnly.Sealer(anchors.Key),
                new ReferenceDataChanges(sp.GetRequiredService<ReferenceCache>())));
        }
        else
        {
            var cs = PrepareSqlite(configuration.GetConnectionString("Sqlite") ?? DefaultSqlite);
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(cs, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(new SqlitePragmas(), new SubmissionsAreImmutable(), AuditTrailIsAppendOnly.Guard(), new SqliteWriteGate(), AuditTrailIsAppendOnly.Sealer(anchors.Key),
                    new ReferenceDataChanges(sp.GetRequiredService<ReferenceCache>())));
            // Draft saves from many requests share one transaction and one fsync (ADR 0011).
            services.AddSingleton<SqliteGroupCommit>();
        }
        services.AddSingleton(new DatabaseInfo(provider));
        // Wall-clock lifetime on purpose: a test's fake clock moves deadlines, not the cache.
        services.AddSingleton(new ReferenceCache(TimeProvider.System, ReferenceCache.DefaultLifetime));
        return services;
    }

    /// <summary>Makes sure the folder of the database file exists (./data on a fresh clone).</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var full = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        return builder.ToString();
    }
}
