using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Data;

/// <summary>
/// Scheme years, organisations and embeter are cached between requests (<see cref="ReferenceCache"/>). A change saved
/// through the app shows on the next request; a change the app cannot see (another instance) within the cache's lifetime.
/// Trondheim (5001) belongs to Statsforvalteren i Trøndelag; its pot for the open year can close the application early.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factories through IAsyncLifetime, which also deletes their databases.")]
public sealed class ReferenceCacheTests : IAsyncLifetime
{
    private const string Embete = "trondelag";
    private readonly KtuFactory _app = new();
    private KtuFactory? _other;

    public ReferenceCacheTests()
    {
        // The app's cache on the test's clock, so its lifetime can pass without waiting a minute.
        _app.TestServices = services =>
        {
            services.RemoveAll<ReferenceCache>();
            services.AddSingleton(new ReferenceCache(_app.Time, ReferenceCache.DefaultLifetime));
        };
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_other is not null)
        {
            await ((IAsyncLifetime)_other).DisposeAsync();
        }
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    /// <summary>A second app instance on the same database, as behind a load balancer.</summary>
    private KtuFactory Other => _other ??= KtuFactory.SharingDatabaseWith(_app);

    private static async Task SetDeadlineAsync(KtuFactory instance, DateTimeOffset? deadline)
    {
        await using var scope = instance.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
        pot.ApplicationDeadline = deadline;
        await db.SaveChangesAsync();
    }

    private static bool IsOpen(System.Text.Json.Nodes.JsonObject document) => document["open"]!.GetValue<bool>();

    [Fact]
    public async Task The_apps_contexts_share_one_copy_of_the_scheme_year_between_requests()
    {
        object? first, second;
        await using (var scope = _app.CreateScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Reference.SchemeYearAsync(OpenYear, default);
        }
        await using (var scope = _app.CreateScope())
        {
            second = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Reference.SchemeYearAsync(OpenYear, default);
        }

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_deadline_moved_through_the_app_applies_to_the_next_request()
    {
        var api = await _app.ApplicantAsync("5001");
        var draft = await StartAsync(api);
        Assert.True(IsOpen(await GetAsync(api, Id(draft))));

        await SetDeadlineAsync(_app, _app.Time.GetUtcNow().AddMinutes(-1));
        var closed = await GetAsync(api, Id(draft));
        Assert.False(IsOpen(closed));
        Assert.True(HasIssue(closed, "", "deadline-passed"));

        await SetDeadlineAsync(_app, null);
        Assert.True(IsOpen(await GetAsync(api, Id(draft))));
    }

    [Fact]
    public async Task A_change_saved_in_a_transaction_shows_once_the_transaction_commits()
    {
        var api = await _app.ApplicantAsync("5001");
        var draft = await StartAsync(api);

        await using (var scope = _app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // PostgreSQL's retrying strategy wants a user transaction inside it, as the app's own writes do.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var pot = await db.Pots.SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
                pot.ApplicationDeadline = _app.Time.GetUtcNow().AddMinutes(-1);
                await db.SaveChangesAsync();

                // Not committed: a request now reads, and may keep, the rules as they were.
                Assert.True(IsOpen(await GetAsync(api, Id(draft))));
                await transaction.CommitAsync();
            });
        }

        Assert.False(IsOpen(await GetAsync(api, Id(draft))));
    }

    [Fact]
    public async Task A_context_that_once_changed_reference_data_does_not_keep_emptying_the_cache()
    {
        // Pooled contexts live on: a save that changed a pot must not mark the context for good, or every later
        // save through it (a draft save on another request) would empty the cache again.
        await using var scope = _app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pot = await db.Pots.SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
        pot.Amount += 1;
        await db.SaveChangesAsync();

        var before = await db.Reference.SchemeYearAsync(OpenYear, default);
        var user = await db.Users.SingleAsync(u => u.Email == "soker.5001@demo.ktu");
        user.TwoFactorEnabled = !user.TwoFactorEnabled;
        await db.SaveChangesAsync();
        var after = await db.Reference.SchemeYearAsync(OpenYear, default);

        Assert.NotNull(before);
        Assert.Same(before, after);
    }

    [Fact]
    public async Task A_change_made_by_another_instance_shows_within_the_cache_lifetime()
    {
        var api = await _app.ApplicantAsync("5001");
        var draft = await StartAsync(api);
        Assert.True(IsOpen(await GetAsync(api, Id(draft))));

        await SetDeadlineAsync(Other, _app.Time.GetUtcNow().AddMinutes(-1));
        // This instance did not see the save and serves the year it read a moment ago...
        Assert.True(IsOpen(await GetAsync(api, Id(draft))));

        // ... until the lifetime has passed.
        _app.Time.Advance(ReferenceCache.DefaultLifetime + TimeSpan.FromSeconds(1));
        var closed = await GetAsync(api, Id(draft));
        Assert.False(IsOpen(closed));
        Assert.True(HasIssue(closed, "", "deadline-passed"));
    }
}
