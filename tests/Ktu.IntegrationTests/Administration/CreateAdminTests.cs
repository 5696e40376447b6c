using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Administration;

/// <summary>
/// The first administrator: the command (the same code path as <c>./run.sh create-admin EMAIL</c>) makes the user and a
/// one-time link, the link sets a password once, and a used or expired link says so in Norwegian.
/// </summary>
public sealed class CreateAdminTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Password = "Forste-Admin-2026!";

    [Fact]
    public async Task The_command_prints_a_link_that_sets_the_password_once_and_the_admin_can_then_log_in()
    {
        const string email = "forste.admin@example.org";
        var (exit, output, _) = await RunAsync(email);
        Assert.Equal(0, exit);
        var path = LinkPath(output);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var link = await db.PasswordLinks.SingleAsync(l => l.UserId == userId);
            Assert.Equal(PasswordLinkPurpose.FirstAdministrator, link.Purpose);
            Assert.DoesNotContain(link.TokenHash, output, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(PasswordLink.HashOf(Uri.UnescapeDataString(path.Split("token=")[1])), link.TokenHash);
        }
        var browser = factory.CreateBrowserClient();

        var weak = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Password"] = "kort", ["Repeated"] = "kort" });
        var weakText = await weak.ReadTextAsync();
        Assert.Contains("Passordet må ha minst 10 tegn.", weakText, StringComparison.Ordinal);
        Assert.Contains("Passordet må ha minst én stor bokstav", weakText, StringComparison.Ordinal);

        var set = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Password"] = Password, ["Repeated"] = Password });
        Assert.Contains($"Passordet er lagret. Du kan nå logge inn med {email}.", await set.ReadTextAsync(), StringComparison.Ordinal);

        var api = await factory.CreateApiClientAsync(email, Password);
        using var me = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/me", UriKind.Relative)));
        Assert.Contains(Roles.Admin, me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var again = await factory.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Contains("Lenken er allerede brukt. Den kan bare brukes én gang.", await again.ReadTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_use_of_the_link_changes_nothing()
    {
        const string email = "admin.to.ganger@example.org";
        var path = LinkPath((await RunAsync(email)).Output);
        var first = factory.CreateBrowserClient();
        var page = await first.GetAsync(new Uri(path, UriKind.Relative));
        var token = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using (var ok = await first.SubmitFormAsync(path, new Dictionary<string, string> { ["Password"] = Password, ["Repeated"] = Password }))
        {
            Assert.Contains("Passordet er lagret", await ok.ReadTextAsync(), StringComparison.Ordinal);
        }

        // The same form, posted again with another password (a second tab, or someone who found the link).
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password"] = "Annet-Passord-2026!",
            ["Repeated"] = "Annet-Passord-2026!",
            [Forms.TokenField] = token,
        });
        var second = await first.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Contains("Lenken er allerede brukt.", await second.ReadTextAsync(), StringComparison.Ordinal);
        var login = await factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Annet-Passord-2026!" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        await factory.CreateApiClientAsync(email, Password);
    }

    [Fact]
    public async Task An_expired_link_says_so_and_sets_nothing()
    {
        const string email = "admin.utlopt@example.org";
        var path = LinkPath((await RunAsync(email)).Output);
        var browser = factory.CreateBrowserClient();
        var page = await browser.GetAsync(new Uri(path, UriKind.Relative));
        var token = Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync());

        factory.Time.Advance(PasswordLink.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync(new Uri(path, UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password"] = Password,
            ["Repeated"] = Password,
            [Forms.TokenField] = token,
        });
        var posted = await browser.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Contains("Lenken er utløpt. Den gjelder i 24 timer.", await expired.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Lenken er utløpt.", await posted.ReadTextAsync(), StringComparison.Ordinal);
        var login = await factory.CreateBrowserClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task An_existing_user_or_a_bad_address_is_refused_and_nothing_changes()
    {
        int users, links;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (users, links) = (await db.Users.CountAsync(), await db.PasswordLinks.CountAsync());
        }

        var existing = await RunAsync("admin@demo.ktu");
        var bad = await RunAsync("ikke-en-adresse");
        var unknownLink = await factory.CreateBrowserClient().GetAsync(new Uri("/konto/sett-passord?token=gjettet", UriKind.Relative));

        Assert.Equal(1, existing.Exit);
        Assert.Contains("Det finnes allerede en bruker med e-postadressen admin@demo.ktu. Ingen bruker ble laget eller endret.", existing.Error, StringComparison.Ordinal);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("er ikke en gyldig e-postadresse", bad.Error, StringComparison.Ordinal);
        Assert.Contains("Lenken er ikke gyldig.", await unknownLink.ReadTextAsync(), StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(users, await db.Users.CountAsync());
            Assert.Equal(links, await db.PasswordLinks.CountAsync());
        }
        await factory.CreateApiClientAsync("admin@demo.ktu");
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string email)
    {
        await using var scope = factory.CreateScope();
        var outcome = await CreateAdmin.HandleAsync(scope.ServiceProvider, email);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CreateAdmin.Report(outcome, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The path and query of the link printed on its own line.</summary>
    private static string LinkPath(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
        var uri = new Uri(line);
        Assert.Equal("/konto/sett-passord", uri.AbsolutePath);
        return uri.PathAndQuery;
    }
}
