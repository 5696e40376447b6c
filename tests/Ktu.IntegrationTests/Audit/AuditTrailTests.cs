using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Audit;

/// <summary>Own app and database; the tampering test even gets a database of its own.</summary>
public sealed class AuditTrailTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static async Task<string> SubmitAndWithdrawAsync(KtuFactory factory, string email)
    {
        var api = await factory.CreateApiClientAsync(email);
        var doc = ApplicationApi.Complete(await ApplicationApi.StartAsync(api));
        doc = await ApplicationApi.SaveAsync(api, doc);
        var id = ApplicationApi.Id(doc);
        Assert.Equal(HttpStatusCode.OK, (await ApplicationApi.SubmitAsync(api, id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        return id;
    }

    private static async Task<JsonElement> VerifyAsync(KtuFactory factory) =>
        await VerifyAsync(await factory.CreateApiClientAsync("admin@demo.ktu"));

    /// <summary>Verifies with a client already logged in: logging in adds an entry of its own to the trail.</summary>
    private static async Task<JsonElement> VerifyAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Submit_and_withdraw_are_recorded_with_who_what_and_when_in_an_intact_chain()
    {
        var id = await SubmitAndWithdrawAsync(factory, "soker.5006@demo.ktu");

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.AuditEntries.Where(e => e.EntityId == id).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["application.submitted", "application.withdrawn"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("soker.5006@demo.ktu", e.ActorEmail));
        Assert.All(entries, e => Assert.Equal("trondelag", e.EmbeteId));
        Assert.Contains("KTU-2027-TRO-", entries[0].After, StringComparison.Ordinal);

        var result = await VerifyAsync(factory);
        Assert.True(result.GetProperty("valid").GetBoolean(), result.GetProperty("message").GetString());
        Assert.True(result.GetProperty("entries").GetInt64() >= 2);
    }

    [Fact]
    public async Task Only_an_administrator_may_verify_the_log()
    {
        var applicant = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/audit/verify")).StatusCode);
        var officer = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateBrowserClient().GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task The_application_cannot_change_or_delete_an_audit_entry()
    {
        await SubmitAndWithdrawAsync(factory, "soker.5007@demo.ktu");
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.AuditEntries.OrderBy(e => e.Sequence).FirstAsync();
        db.AuditEntries.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public Task Tampering_in_the_database_is_detected_by_the_verify_endpoint() => WithOwnFactoryAsync(TamperAndVerifyAsync);

    private static async Task TamperAndVerifyAsync(KtuFactory factory)
    {
        await SubmitAndWithdrawAsync(factory, "soker.5014@demo.ktu");
        Assert.True((await VerifyAsync(factory)).GetProperty("valid").GetBoolean());

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Someone with database access edits what an entry says happened.
            var changed = await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"ActorEmail\" = 'noen.andre@example.org' WHERE \"Sequence\" = 1");
            Assert.Equal(1, changed);
        }

        var result = await VerifyAsync(factory);
        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Equal(1, result.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task Entries_deleted_from_the_end_are_detected_by_the_anchor_outside_the_database()
    {
        await WithOwnFactoryAsync(async own =>
        {
            await SubmitAndWithdrawAsync(own, "soker.5014@demo.ktu");
            var admin = await own.CreateApiClientAsync("admin@demo.ktu");
            await CheckpointAsync(own);
            Assert.True((await VerifyAsync(admin)).GetProperty("valid").GetBoolean());

            await using (var scope = own.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                // Someone with database access removes the last two entries: the chain that is left is whole.
                var head = await db.AuditEntries.MaxAsync(e => e.Sequence);
                Assert.Equal(2, await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {0}", head - 2));
            }

            var result = await VerifyAsync(admin);
            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Contains("kortet ned", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_rewritten_history_with_its_chain_recomputed_without_the_key_is_detected()
    {
        await WithOwnFactoryAsync(async own =>
        {
            await SubmitAndWithdrawAsync(own, "soker.5014@demo.ktu");
            await CheckpointAsync(own);

            await using (var scope = own.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                // Rewrite who did the first entry and recompute every hash, as someone who can write the database but has not the key.
                var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
                var guessedKey = new byte[32];
                var previous = AuditChain.Genesis;
                foreach (var e in entries)
                {
                    var copy = AuditEntry.Create(e.At, e.ActorUserId, e.Sequence == 1 ? "noen.andre@example.org" : e.ActorEmail, e.Action, e.EntityType, e.EntityId,
                        e.OrganisationId, e.EmbeteId);
                    copy.Seal(e.Sequence, previous, guessedKey);
                    await db.Database.ExecuteSqlRawAsync(
                        "UPDATE \"AuditEntries\" SET \"ActorEmail\" = {0}, \"Before\" = NULL, \"After\" = NULL, \"PreviousHash\" = {1}, \"Hash\" = {2} WHERE \"Sequence\" = {3}",
                        copy.ActorEmail!, copy.PreviousHash, copy.Hash, e.Sequence);
                    previous = copy.Hash;
                }
            }

            var result = await VerifyAsync(own);
            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Equal(1, result.GetProperty("firstBrokenSequence").GetInt64());
        });
    }

    [Fact]
    public async Task A_missing_anchor_file_is_reported_not_recreated()
    {
        await WithOwnFactoryAsync(async own =>
        {
            await SubmitAndWithdrawAsync(own, "soker.5014@demo.ktu");
            var anchors = own.Services.GetRequiredService<AuditAnchors>();
            File.Delete(anchors.FilePath);
            await CheckpointAsync(own);

            var result = await VerifyAsync(own);
            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Contains("Ankerfilen", result.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(File.Exists(anchors.FilePath));
        });
    }

    [Fact]
    public async Task An_anchor_line_written_without_the_key_is_reported()
    {
        await WithOwnFactoryAsync(async own =>
        {
            await SubmitAndWithdrawAsync(own, "soker.5014@demo.ktu");
            var anchors = own.Services.GetRequiredService<AuditAnchors>();
            // Someone with access to the file adds an anchor for a head of their choosing; they have not the key.
            await File.AppendAllTextAsync(anchors.FilePath, new AuditAnchor(1, new string('c', 64), 1, DateTimeOffset.UtcNow).ToLine(new byte[32]) + "\n");

            var result = await VerifyAsync(own);
            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Contains("ikke skrevet med revisjonsloggens nøkkel", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        });
    }

    private static async Task WithOwnFactoryAsync(Func<KtuFactory, Task> test)
    {
        var own = new KtuFactory();
        try
        {
            await test(own);
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }

    /// <summary>What the app's periodic checkpoint does (Audit:CheckpointSeconds), now.</summary>
    private static async Task CheckpointAsync(KtuFactory factory)
    {
        await using var scope = factory.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AuditAnchors>()
            .CheckpointAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
