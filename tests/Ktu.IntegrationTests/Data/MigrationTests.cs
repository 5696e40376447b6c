using System.Net;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Data;

/// <summary>
/// The migrate command's work (<see cref="DatabaseInitialiser.MigrateAndSeedAsync"/>) on an empty database, on SQLite and, with
/// KTU_TEST_POSTGRES, on PostgreSQL: every migration applies, the model has no change without a migration, and /health/ready
/// answers 503 before and 200 after.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factory through IAsyncLifetime, which also deletes its database.")]
public sealed class MigrationTests : IAsyncLifetime
{
    private readonly KtuFactory _app = new();

    public MigrationTests() => _app.Settings["Database:MigrateAtStart"] = "false";

    [Fact]
    public async Task Every_migration_applies_to_an_empty_database_and_leaves_no_pending_model_changes()
    {
        var client = _app.CreateBrowserClient();
        await using (var scope = _app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
            Assert.NotEmpty(db.Database.GetMigrations());
        }
        using (var before = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
            var body = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("not-ready", body.GetProperty("status").GetString());
            if (_app.Provider == DatabaseProvider.Postgres)
            {
                // The test's PostgreSQL database does not exist yet: the migrate command creates it.
                Assert.Equal("unreachable", body.GetProperty("database").GetString());
            }
            else
            {
                Assert.True(body.GetProperty("pendingMigrations").GetInt32() > 0);
            }
        }
        using (var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode); // the process is up, only not ready
        }

        await DatabaseInitialiser.MigrateAndSeedAsync(_app.Services);

        await using (var scope = _app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration: add one for each provider.");
            Assert.Equal(357 + 14, await db.Organisations.CountAsync()); // the reference seeds ran too
        }
        using var after = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var ready = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(0, ready.GetProperty("pendingMigrations").GetInt32());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();
}
