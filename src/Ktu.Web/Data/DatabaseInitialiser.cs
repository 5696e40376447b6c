using Ktu.Web.Features.Account;
using Ktu.Web.Features.Organisations;
using Ktu.Web.Features.Schemes;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

public static class DatabaseInitialiser
{
    /// <summary>
    /// Puts a SQLite file in WAL mode, applies migrations, then loads reference data and the known scheme years; in demo mode also
    /// the open demo year and the demo users. Every step is idempotent, so a restart duplicates nothing.
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
        await ReferenceData.LoadAsync(db);
        await SchemeSeed.SeedAsync(db);
        if (app.Configuration.GetValue("Demo:Enabled", false))
        {
            var time = services.GetRequiredService<TimeProvider>();
            await DemoData.SeedAsync(db, time, app.Configuration);
            if (app.Configuration.GetValue("Demo:SampleApplications", false))
            {
                await DemoApplications.SeedAsync(db, time);
            }
        }
    }
}
