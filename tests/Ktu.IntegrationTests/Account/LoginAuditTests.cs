using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Account;

/// <summary>Issue 16: log-ins, failed log-ins and lock-outs are in the audit trail, without the password and without naming unknown accounts.</summary>
public sealed class LoginAuditTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static readonly Uri LoginApi = new("/api/v1/auth/login", UriKind.Relative);

    private async Task<HttpStatusCode> LogInAsync(string email, string password)
    {
        using var response = await factory.CreateBrowserClient().PostAsJsonAsync(LoginApi, new { email, password });
        return response.StatusCode;
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action.StartsWith("login.")).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task A_failed_and_a_successful_log_in_through_the_api_and_the_page_are_audited_without_the_password()
    {
        const string email = "soker.1119@demo.ktu";
        var id = await IdOfAsync(email);
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(email, "Hemmelig-feil-1"));
        Assert.Equal(HttpStatusCode.OK, await LogInAsync(email, KtuFactory.DemoPassword));
        await factory.CreateSignedInBrowserClientAsync(email);

        var mine = (await EntriesAsync()).Where(e => e.EntityId == id).ToList();
        Assert.Equal(["login.failed", "login.succeeded", "login.succeeded"], mine.Select(e => e.Action));
        Assert.All(mine, e => Assert.Equal(id, e.ActorUserId));
        Assert.Contains("\"api\"", mine[0].After, StringComparison.Ordinal);
        Assert.Contains("\"page\"", mine[2].After, StringComparison.Ordinal);
        Assert.DoesNotContain(mine, e => $"{e.Before}{e.After}".Contains("Hemmelig", StringComparison.Ordinal)
            || $"{e.Before}{e.After}".Contains(KtuFactory.DemoPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_log_in_to_an_unknown_account_is_audited_without_the_typed_email_or_password()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync("ingen.slik@demo.ktu", "Hemmelig-feil-2"));

        var entry = (await EntriesAsync()).Last(e => e.EntityId == "");
        Assert.Equal("login.failed", entry.Action);
        Assert.Null(entry.ActorUserId);
        Assert.Null(entry.ActorEmail);
        var all = $"{entry.ActorEmail}{entry.EntityId}{entry.Before}{entry.After}";
        Assert.DoesNotContain("ingen.slik", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Hemmelig", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fifth_wrong_password_is_audited_as_the_lock_out_and_later_attempts_as_failures()
    {
        const string email = "soker.1120@demo.ktu";
        var id = await IdOfAsync(email);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(email, "Feil-passord-1"));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LogInAsync(email, KtuFactory.DemoPassword));

        var mine = (await EntriesAsync()).Where(e => e.EntityId == id).Select(e => e.Action).ToList();
        Assert.Equal(["login.failed", "login.failed", "login.failed", "login.failed", "login.locked-out", "login.failed", "login.failed"], mine);
    }
}
