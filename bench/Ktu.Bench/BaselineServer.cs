using Microsoft.EntityFrameworkCore;

namespace Ktu.Bench;

/// <summary>
/// The baselines, run as a separate process like the app: a bare Kestrel endpoint, and a bare EF Core
/// insert of a row comparable to a draft save (a few columns and a JSON text) into the same kind of
/// database as the app: a SQLite file with KTU's pragmas (WAL, synchronous=FULL), or PostgreSQL.
/// </summary>
internal static class BaselineServer
{
    /// <param name="database">"sqlite:PATH" or "postgres:CONNECTION STRING".</param>
    public static async Task RunAsync(int port, string database)
    {
        var postgres = database.StartsWith("postgres:", StringComparison.Ordinal);
        var target = database[(database.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddDbContext<BareDb>(o =>
        {
            if (postgres)
            {
                o.UseNpgsql(target);
            }
            else
            {
                o.UseSqlite($"Data Source={target}");
            }
        });
        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BareDb>();
            await db.Database.EnsureDeletedAsync();
            await db.Database.EnsureCreatedAsync();
            if (!postgres)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
        app.MapGet("/ping", () => Results.Text("pong"));
        app.MapPost("/insert", async (DraftRow row, BareDb db) =>
        {
            if (!postgres)
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;");
            }
            row.Id = 0;
            db.Rows.Add(row);
            await db.SaveChangesAsync();
            return Results.Ok(new { row.Id });
        });
        await app.RunAsync();
    }
}

internal sealed class DraftRow
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public int Year { get; set; }
    public int Version { get; set; }
    public long UpdatedAtTicks { get; set; }
    public string Document { get; set; } = "";
}

internal sealed class BareDb(DbContextOptions<BareDb> options) : DbContext(options)
{
    public DbSet<DraftRow> Rows => Set<DraftRow>();
}
