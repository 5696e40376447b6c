using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Data;

[Collection(SharedApp.Name)]
public sealed class InitialisationTests(KtuFactory factory)
{
    [Fact]
    public async Task Running_the_start_up_steps_again_duplicates_nothing()
    {
        var before = await DatabaseCounts.ReadAsync(factory.Services);
        Assert.Equal(357 + 14, before.Organisations);
        Assert.Equal(357 + 4 * 10 + 2 + 1, before.Users); // and one application administrator

        // The same steps as DatabaseInitialiser, in a fresh scope, as a restart would run them.
        await using (var scope = factory.CreateScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync();
            await DatabaseInitialiser.SeedAsync(services, db, CancellationToken.None);
        }

        var after = await DatabaseCounts.ReadAsync(factory.Services);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_app_runs_on_the_test_clock()
    {
        await using var scope = factory.CreateScope();
        Assert.Same(factory.Time, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        Assert.Equal(factory.Provider, scope.ServiceProvider.GetRequiredService<DatabaseInfo>().Provider);
        Assert.Equal(KtuFactory.OnPostgres, scope.ServiceProvider.GetRequiredService<AppDbContext>() is PostgresAppDbContext);
    }
}
