using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Account;

/// <summary>POST /api/v1/auth/login: a bearer token for a right password, one answer for every failure.</summary>
[Collection(SharedApp.Name)]
public sealed class LoginApiTests(KtuFactory factory)
{
    private static readonly Uri Login = new("/api/v1/auth/login", UriKind.Relative);

    private async Task<(HttpStatusCode Status, JsonElement Body)> LogInAsync(string email, string password)
    {
        using var response = await factory.CreateBrowserClient().PostAsJsonAsync(Login, new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task A_right_password_gives_an_access_token_that_expires_in_an_hour()
    {
        var (status, body) = await LogInAsync("soker.5001@demo.ktu", KtuFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.True(body.GetProperty("accessToken").GetString()?.Length > 20);
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_401_answer()
    {
        var (wrongStatus, wrong) = await LogInAsync("soker.1103@demo.ktu", "Feil-passord-1");
        var (unknownStatus, unknown) = await LogInAsync("finnes.ikke@demo.ktu", "Feil-passord-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(401, wrong.GetProperty("status").GetInt32());
        var title = wrong.GetProperty("title").GetString();
        Assert.StartsWith("Innloggingen mislyktes.", title, StringComparison.Ordinal);
        Assert.Equal(title, unknown.GetProperty("title").GetString());
        Assert.Equal(
            wrong.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            unknown.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.False(wrong.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task An_empty_password_is_a_validation_problem()
    {
        var (status, body) = await LogInAsync("soker.5001@demo.ktu", "");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Skriv inn e-post og passord.", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_out_from_that_network_so_even_the_right_password_fails_there()
    {
        const string email = "soker.1106@demo.ktu"; // used by this test only
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(email, KtuFactory.DemoPassword)).Status);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (status, _) = await LogInAsync(email, $"Feil-passord-{attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        var (lockedStatus, locked) = await LogInAsync(email, KtuFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, lockedStatus);
        var (_, unknown) = await LogInAsync("finnes.ikke@demo.ktu", KtuFactory.DemoPassword);
        Assert.Equal(unknown.GetProperty("title").GetString(), locked.GetProperty("title").GetString());

        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        // Issue 16: the lock-out holds for the network the wrong passwords came from, not for the account as a whole
        // (LockoutTests: the owner still logs in from elsewhere).
        Assert.False(await users.IsLockedOutAsync(user));
        var db = scope.ServiceProvider.GetRequiredService<Ktu.Web.Data.AppDbContext>();
        var lockout = await db.LoginLockouts.AsNoTracking().SingleAsync(l => l.UserId == user.Id);
        Assert.True(lockout.LockedUntil > factory.Time.GetUtcNow().AddMinutes(10), $"locked until {lockout.LockedUntil:O}");
    }

    [Fact]
    public async Task Four_failed_attempts_do_not_lock_and_a_success_starts_the_count_again()
    {
        const string email = "soker.1108@demo.ktu"; // used by this test only
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(email, "Feil-passord-1")).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(email, KtuFactory.DemoPassword)).Status);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(email, "Feil-passord-1")).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(email, KtuFactory.DemoPassword)).Status);
    }
}
