using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Data.Interceptors;
using Ktu.Web.Domain.Applications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Data;

/// <summary>
/// Draft saves on SQLite are committed together, many requests in one transaction (ADR 0011). Each save must
/// still be its own: stored once with its own content, refused alone when its version is stale, and failed
/// alone when it cannot be written. The batch tests hold the write gate so that the updates queue up and are
/// taken as one batch, as under load.
/// </summary>
public sealed class GroupCommitTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static readonly Actor Tester = new("group-commit-test", "Testbruker", null);

    /// <summary>Ålesund, Molde, Kristiansund, Vestnes, Rauma, Aukra, Fjord, Vanylven: one embete's municipalities.</summary>
    private static readonly string[] Municipalities = ["1508", "1506", "1505", "1535", "1539", "1547", "1578", "1511"];

    [Fact]
    public async Task Drafts_saved_at_once_by_many_municipalities_are_each_stored_with_their_own_content()
    {
        var drafts = new List<(HttpClient Api, string Id, int Version)>();
        foreach (var municipality in Municipalities)
        {
            var api = await factory.ApplicantAsync(municipality);
            var draft = await StartAsync(api);
            drafts.Add((api, Id(draft), Version(draft)));
        }

        for (var round = 1; round <= 3; round++)
        {
            var saves = drafts.Select(async (d, i) =>
            {
                var document = await GetAsync(d.Api, d.Id);
                document["description"] = $"Runde {round}, søknad {i}";
                var response = await PutAsync(d.Api, document);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await ReadAsync(response);
            });
            var saved = await Task.WhenAll(saves);
            for (var i = 0; i < drafts.Count; i++)
            {
                Assert.Equal(drafts[i].Version + round, Version(saved[i]));
                Assert.Equal($"Runde {round}, søknad {i}", saved[i]["description"]!.GetValue<string>());
            }
        }

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var stored = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(drafts[i].Id));
            Assert.Equal(drafts[i].Version + 3, stored.Version);
            Assert.Equal($"Runde 3, søknad {i}", stored.ReadContent().Description);
        }
    }

    [Fact]
    public async Task In_one_batch_a_stale_update_writes_nothing_and_the_others_commit()
    {
        if (KtuFactory.OnPostgres)
        {
            return; // PostgreSQL groups commits itself; the app has no group commit there.
        }
        var ids = await StartDraftsAsync("4601", "4602", "4611");
        var blocker = await UpdateAsync(ids[0], "Først i køen");
        var fresh = await UpdateAsync(ids[1], "Lagres");
        var winner = await UpdateAsync(ids[2], "Vinner");
        var stale = await UpdateAsync(ids[2], "Kommer for sent"); // read the same version as the winner

        var results = await InOneBatchAsync(blocker, [fresh, winner, stale]);

        Assert.Equal(new[] { true, true, true, false }, await Task.WhenAll(results));
        Assert.Equal(("Først i køen", 2), await StoredAsync(ids[0]));
        Assert.Equal(("Lagres", 2), await StoredAsync(ids[1]));
        Assert.Equal(("Vinner", 2), await StoredAsync(ids[2]));
        // Written through EF's mapping: the instant as UTC ticks and the name as text read back as EF wrote them.
        await using var scope = factory.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Applications.AsNoTracking().SingleAsync(a => a.Id == ids[2]);
        Assert.Equal(factory.Time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal((Tester.UserId, Tester.Name), (stored.UpdatedByUserId, stored.UpdatedByName));
    }

    [Fact]
    public async Task An_update_that_cannot_be_written_fails_alone_and_the_rest_of_its_batch_commits()
    {
        if (KtuFactory.OnPostgres)
        {
            return;
        }
        var ids = await StartDraftsAsync("3301", "3303", "3305");
        var blocker = await UpdateAsync(ids[0], "Først i køen");
        var before = await UpdateAsync(ids[1], "Før den ugyldige");
        // NOT NULL in the table: the database refuses this row, as it would a full disk or a broken file.
        var broken = await UpdateAsync(ids[2], "Ugyldig", db => db.Entry(db.Applications.Local.Single()).Property(a => a.Document).CurrentValue = null!);
        var after = await UpdateAsync(ids[0], "Etter den ugyldige", version: 2);

        var results = await InOneBatchAsync(blocker, [before, broken, after]);

        Assert.True(await results[0]);
        Assert.True(await results[1]);
        await Assert.ThrowsAsync<SqliteException>(() => results[2]);
        Assert.True(await results[3]);
        Assert.Equal(("Etter den ugyldige", 3), await StoredAsync(ids[0]));
        Assert.Equal(("Før den ugyldige", 2), await StoredAsync(ids[1]));
        Assert.Equal(((string?)null, 1), await StoredAsync(ids[2]));
    }

    [Fact]
    public async Task An_update_whose_caller_gave_up_before_it_was_taken_is_not_written()
    {
        if (KtuFactory.OnPostgres)
        {
            return;
        }
        var ids = await StartDraftsAsync("3201", "3203");
        var blocker = await UpdateAsync(ids[0], "Først i køen");
        var abandoned = await UpdateAsync(ids[1], "Forlatt");
        using var giveUp = new CancellationTokenSource();
        var groupCommit = factory.Services.GetRequiredService<SqliteGroupCommit>();

        Task<bool> first, second;
        using (SqliteWriteGate.Hold())
        {
            first = groupCommit.UpdateAsync(blocker.ConnectionString, blocker.Update, CancellationToken.None);
            await TakenAsync(groupCommit);
            second = groupCommit.UpdateAsync(abandoned.ConnectionString, abandoned.Update, giveUp.Token);
            await giveUp.CancelAsync();
        }

        Assert.True(await first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(((string?)null, 1), await StoredAsync(ids[1]));
    }

    private async Task<Guid[]> StartDraftsAsync(params string[] municipalities)
    {
        var ids = new List<Guid>();
        foreach (var municipality in municipalities)
        {
            var draft = await StartAsync(await factory.ApplicantAsync(municipality));
            Assert.Equal(1, Version(draft));
            ids.Add(Guid.Parse(Id(draft)));
        }
        return [.. ids];
    }

    /// <summary>An update of one draft as a save builds it: read at <paramref name="version"/>, changed, not yet written.</summary>
    private async Task<(string ConnectionString, RowUpdate Update)> UpdateAsync(Guid id, string description, Action<AppDbContext>? alter = null, int version = 1)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        if (application.Version != version)
        {
            // Build the update on the version the test names, as a request that read it earlier would.
            db.Entry(application).Property(a => a.Version).OriginalValue = version;
            db.Entry(application).Property(a => a.Version).CurrentValue = version;
        }
        application.SaveDraft(application.ReadContent() with { Description = description }, Tester, factory.Time.GetUtcNow());
        alter?.Invoke(db);
        return (db.Database.GetConnectionString()!, RowUpdate.From(db));
    }

    /// <summary>
    /// Queues <paramref name="blocker"/>, waits until the writer has taken it and stands at the held gate, then queues
    /// the rest and opens the gate: the rest are then taken together, in order.
    /// </summary>
    private async Task<Task<bool>[]> InOneBatchAsync((string ConnectionString, RowUpdate Update) blocker, (string ConnectionString, RowUpdate Update)[] rest)
    {
        var groupCommit = factory.Services.GetRequiredService<SqliteGroupCommit>();
        var results = new List<Task<bool>>();
        using (SqliteWriteGate.Hold())
        {
            results.Add(groupCommit.UpdateAsync(blocker.ConnectionString, blocker.Update, CancellationToken.None));
            await TakenAsync(groupCommit);
            results.AddRange(rest.Select(u => groupCommit.UpdateAsync(u.ConnectionString, u.Update, CancellationToken.None)));
            Assert.Equal(rest.Length, groupCommit.Queued);
        }
        await Task.WhenAll(results.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return [.. results];
    }

    private static async Task TakenAsync(SqliteGroupCommit groupCommit)
    {
        for (var i = 0; groupCommit.Queued > 0; i++)
        {
            Assert.True(i < 500, "The writer did not take the first update within 5 s.");
            await Task.Delay(10);
        }
    }

    private async Task<(string? Description, int Version)> StoredAsync(Guid id)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        return (stored.ReadContent().Description, stored.Version);
    }
}
