using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

public static class DatabaseInitialiser
{
    /// <summary>
    /// Puts a SQLite file in WAL mode, applies migrations, then runs the features' <see cref="IDataSeed"/> steps in the order they
    /// were registered: reference data and the known scheme years; in demo mode also the open demo year, the demo users and the sample
    /// applications. Every step is idempotent, so a restart duplicates nothing.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DatabaseInfo>().Provider == DatabaseProvider.Sqlite)
        {
            await using var walScope = app.Services.CreateAsyncScope();
            var connectionString = walScope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString();
            await SqliteWriteAheadLog.EnableAsync(connectionString!);
        }
        if (app.Configuration.GetValue("Database:SkipInitialise", false))
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
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
}
