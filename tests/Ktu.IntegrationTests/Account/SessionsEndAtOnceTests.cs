using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Account;

/// <summary>
/// Issue 16: a token or cookie issued before a lock, a password change, a role change or a log-out stops working at
/// once, not when it expires an hour (or eight) later.
/// </summary>
public sealed class SessionsEndAtOnceTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private static readonly Uri Me = new("/api/v1/me", UriKind.Relative);

    [Fact]
    public async Task A_lock_set_on_the_account_ends_its_tokens_and_cookies()
    {
        const string email = "soker.1101@demo.ktu";
        var api = await factory.CreateApiClientAsync(email);
        var browser = await factory.CreateSignedInBrowserClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/soknader", UriKind.Relative))).StatusCode);

        await ChangeAsync(email, (users, user) => users.SetLockoutEndDateAsync(user, factory.Time.GetUtcNow().AddYears(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Me)).StatusCode);
        var page = await browser.GetAsync(new Uri("/soknader", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/logg-inn", page.Headers.Location!.AbsolutePath);
    }

    /// <summary>
    /// Wrong passwords lock the account out only for the network they came from, not the account (LockoutTests): ending
    /// its sessions too would let anyone who knows the address throw the holder out, so they go on.
    /// </summary>
    [Fact]
    public async Task Wrong_passwords_typed_by_someone_else_do_not_end_the_tokens_already_issued()
    {
        const string email = "soker.1103@demo.ktu";
        var api = await factory.CreateApiClientAsync(email);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Feil-passord-1!" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task A_changed_password_or_role_ends_the_tokens_issued_before()
    {
        const string email = "soker.1106@demo.ktu";
        var before = await factory.CreateApiClientAsync(email);
        await ChangeAsync(email, (users, user) => users.ChangePasswordAsync(user, KtuFactory.DemoPassword, "Nytt-Passord-2027!"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync(Me)).StatusCode);
        var after = await factory.CreateApiClientAsync(email, "Nytt-Passord-2027!");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync(Me)).StatusCode);

        await ChangeAsync(email, (users, user) => users.RemoveFromRoleAsync(user, Roles.Applicant));
        Assert.Equal(HttpStatusCode.Unauthorized, (await after.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_every_token_and_cookie_of_the_account()
    {
        const string email = "soker.1108@demo.ktu";
        var first = await factory.CreateApiClientAsync(email);
        var second = await factory.CreateApiClientAsync(email);
        var browser = await factory.CreateSignedInBrowserClientAsync(email);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri("/soknader", UriKind.Relative))).StatusCode);
        // Logging in again works.
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CreateApiClientAsync(email)).GetAsync(Me)).StatusCode);
    }

    private async Task ChangeAsync(string email, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await change(users, (await users.FindByEmailAsync(email))!);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
    }
}
