using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

public static class DatabaseInitialiser
{
    /// <summary>The command-line word that applies the migrations and the seeds, then exits: <c>dotnet Ktu.Web.dll migrate</c>.</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// Before the app serves: in production mode (<see cref="ProductionMode"/>) refuses unsafe settings; puts a SQLite file in WAL
    /// mode; then either migrates and seeds (<c>Database:MigrateAtStart</c>: by default outside production and on a demo host, so
    /// ./run.sh and the tests do) or, in production, refuses to start while migrations are pending or the data is unsafe.
    /// Production never changes the schema silently: the <see cref="MigrateCommand"/> does that, once, before the instances start.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var production = ProductionMode.Applies(app.Environment, app.Configuration);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitialiser));
        if (production && ProductionMode.ConfigurationProblems(app.Configuration) is { Count: > 0 } problems)
        {
            throw ProductionMode.Refuse(logger, problems);
        }
        await EnableWriteAheadLogAsync(app.Services);
        if (app.Configuration.GetValue("Database:SkipInitialise", false))
        {
            return;
        }
        var migrateAtStart = app.Configuration.GetValue("Database:MigrateAtStart", !app.Environment.IsProduction() || ProductionMode.IsDemoHost(app.Configuration));
        if (migrateAtStart)
        {
            await MigrateAndSeedAsync(app.Services);
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            var problem = $"The database lacks {pending.Count} migrations ({pending[0]} … {pending[^1]}). Apply them with the migrate "
                + "command (./run.sh migrate, or 'dotnet Ktu.Web.dll migrate' with the same settings), then start the app.";
            if (production)
            {
                throw ProductionMode.Refuse(logger, [problem]);
            }
            logger.LogWarning("{Problem} /health/ready answers 503 until then.", problem);
            return;
        }
        if (production && await ProductionMode.DataProblemsAsync(db, services.GetRequiredService<IPasswordHasher<AppUser>>(), app.Configuration, CancellationToken.None) is { Count: > 0 } dataProblems)
        {
            throw ProductionMode.Refuse(logger, dataProblems);
        }
        var time = services.GetRequiredService<TimeProvider>();
        await services.GetRequiredService<AuditAnchors>().InitialiseAsync(db, services.GetRequiredService<ILoggerFactory>().CreateLogger<AuditAnchors>(), time.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>
    /// The migrate command: refuses unsafe production settings like a start would, applies every pending migration and the seeds
    /// (reference data, scheme years; with demo mode off it shuts every demo account), anchors the audit trail, and returns.
    /// </summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitialiser));
        if (ProductionMode.Applies(app.Environment, app.Configuration) && ProductionMode.ConfigurationProblems(app.Configuration) is { Count: > 0 } problems)
        {
            throw ProductionMode.Refuse(logger, problems);
        }
        await EnableWriteAheadLogAsync(app.Services);
        await MigrateAndSeedAsync(app.Services);
        logger.LogInformation("Migrations and seeds applied; the database is ready for the app.");
    }

    /// <summary>
    /// Applies migrations, then runs the features' <see cref="IDataSeed"/> steps in the order they were registered: reference data
    /// and the known scheme years; in demo mode also the open demo year, the demo users and the sample applications. Every step is
    /// idempotent, so a restart duplicates nothing.
    /// </summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        // The audit trail's anchor comes before any seed writes an entry, so every keyed entry is anchored.
        var anchors = services.GetRequiredService<AuditAnchors>();
        var time = services.GetRequiredService<TimeProvider>();
        await anchors.InitialiseAsync(db, services.GetRequiredService<ILoggerFactory>().CreateLogger<AuditAnchors>(), time.GetUtcNow(), CancellationToken.None);
        await SeedAsync(services, db, CancellationToken.None);
        await anchors.CheckpointAsync(db, time.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>Runs every registered <see cref="IDataSeed"/> in order.</summary>
    public static async Task SeedAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        foreach (var seed in services.GetServices<IDataSeed>())
        {
            await seed.SeedAsync(db, ct);
        }
    }

    private static async Task EnableWriteAheadLogAsync(IServiceProvider root)
    {
        if (root.GetRequiredService<DatabaseInfo>().Provider == DatabaseProvider.Sqlite)
        {
            await using var walScope = root.CreateAsyncScope();
            var connectionString = walScope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString();
            await SqliteWriteAheadLog.EnableAsync(connectionString!);
        }
    }
}
