using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Outbox;

/// <summary>
/// The demo outbox: receipts can be read without a mail server, each person sees only what was sent to them (the admin
/// sees all), and the page does not exist outside demo mode.
/// </summary>
public sealed class OutboxPageTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task In_demo_mode_the_applicant_reads_the_receipt_sent_to_them_and_the_admin_reads_every_copy()
    {
        var api = await factory.ApplicantAsync("5028");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        var receipt = await ReadAsync(await SubmitAsync(api, Id(draft), Version(draft)));
        var reference = receipt["reference"]!.GetValue<string>();
        var applicant = await factory.CreateApiClientAsync("soker.5028@demo.ktu");
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");

        var list = await applicant.GetAsync("/utboks");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        // Razor writes letters like ø as character references; compare the text a reader sees.
        var html = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
        Assert.Contains("soker.5028@demo.ktu", html, StringComparison.Ordinal);
        Assert.DoesNotContain("kari.kontakt@example.org", html, StringComparison.Ordinal);
        Assert.Contains($"Kvittering for søknad {reference}", html, StringComparison.Ordinal);
        Assert.Contains("Ikke sendt", html, StringComparison.Ordinal);

        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/utboks/[0-9a-f-]{36})\">Kvittering for søknad " + reference);
        Assert.True(link.Success);
        var details = WebUtility.HtmlDecode(await (await applicant.GetAsync(link.Groups[1].Value)).Content.ReadAsStringAsync());
        Assert.Contains($"Referansenummer: {reference}", details, StringComparison.Ordinal);
        Assert.Contains(receipt["sha256"]!.GetValue<string>(), details, StringComparison.Ordinal);

        var all = WebUtility.HtmlDecode(await (await admin.GetAsync("/utboks")).Content.ReadAsStringAsync());
        Assert.Contains("soker.5028@demo.ktu", all, StringComparison.Ordinal);
        Assert.Contains("kari.kontakt@example.org", all, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(link.Groups[1].Value)).StatusCode);
    }

    [Fact]
    public async Task Nobody_else_sees_a_message_in_the_list_and_its_guessed_id_is_404()
    {
        Guid mine, theirs;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The address as someone typed it, in other case: it is still the applicant's own.
            var own = OutboxMessage.Email("Soker.5033@Demo.KTU", "Melding til søker 5033", "Til deg.", KtuFactory.Start);
            var other = OutboxMessage.Email("soker.5034@demo.ktu", "Melding til søker 5034", "Ikke til deg.", KtuFactory.Start);
            db.OutboxMessages.AddRange(own, other);
            await db.SaveChangesAsync();
            (mine, theirs) = (own.Id, other.Id);
        }
        var viewer = await factory.ApplicantAsync("5033");
        var officer = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");

        var html = WebUtility.HtmlDecode(await (await viewer.GetAsync("/utboks")).Content.ReadAsStringAsync());
        var officers = WebUtility.HtmlDecode(await (await officer.GetAsync("/utboks")).Content.ReadAsStringAsync());

        Assert.Contains("Melding til søker 5033", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Melding til søker 5034", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Melding til søker 503", officers, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/utboks/{mine}")).StatusCode);
        var guessed = await viewer.GetAsync($"/utboks/{theirs}");
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.DoesNotContain("Ikke til deg", await guessed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/utboks/{mine}")).StatusCode);
    }

    [Fact]
    public async Task Message_text_is_shown_escaped()
    {
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.OutboxMessages.Add(OutboxMessage.Email("x@example.org", "<script>alert(1)</script>", "Linje 1\n<img src=x onerror=alert(2)>", KtuFactory.Start));
            await db.SaveChangesAsync();
        }
        var viewer = await factory.CreateApiClientAsync("admin@demo.ktu");

        var html = await (await viewer.GetAsync("/utboks")).Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/utboks/[0-9a-f-]{36})\">&lt;script&gt;");
        Assert.True(link.Success);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        var details = await (await viewer.GetAsync(link.Groups[1].Value)).Content.ReadAsStringAsync();
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", details, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_message_is_404_and_signed_out_visitors_are_sent_to_login()
    {
        var viewer = await factory.ApplicantAsync("5031");

        var unknown = await viewer.GetAsync($"/utboks/{Guid.NewGuid()}");
        var signedOut = await factory.CreateBrowserClient().GetAsync("/utboks");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/logg-inn", signedOut.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

/// <summary>
/// Outside demo mode, with a mail server: the administrator sees every message with its state, attempts and the server's
/// answer (so a refused invitation is seen), but not the text of others' messages; everyone else sees only their own.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the factory through IAsyncLifetime, which also deletes its database.")]
public sealed class OutboxPageWithoutDemoTests : IAsyncLifetime
{
    private const string Password = "Passord-2026!x";
    private const string Admin = "admin@example.org";
    private const string Officer = "saksbehandler@example.org";
    private readonly KtuFactory _factory = new();

    public OutboxPageWithoutDemoTests() => _factory.Settings["Demo:Enabled"] = "false";

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task The_administrator_sees_every_message_with_its_state_and_each_person_their_own()
    {
        await UserAsync(Admin, Roles.Admin);
        await UserAsync(Officer, null);
        var messages = await SmtpTesting.QueueAsync(_factory, Officer, "ny.bruker@example.org");
        // The first is taken by a mail server; the second finds none and waits for its next try.
        using (var server = netDumbster.smtp.SimpleSmtpServer.Start(SmtpTesting.ClosedPort()))
        {
            var sender = SmtpTesting.Sender(_factory, SmtpTesting.Settings(server.Configuration.Port));
            await using var scope = _factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await sender.SendAsync(db, await sender.LeaseAsync(db, [messages[0].Id], CancellationToken.None), CancellationToken.None);
        }
        await SmtpTesting.DrainAsync(SmtpTesting.Sender(_factory, SmtpTesting.Settings(SmtpTesting.ClosedPort())));
        var sent = await SmtpTesting.RowAsync(_factory, messages[0].Id);
        var failed = await SmtpTesting.RowAsync(_factory, messages[1].Id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(1, failed.Attempts);

        var admin = await _factory.CreateSignedInBrowserClientAsync(Admin, Password);
        var list = await admin.GetAsync("/utboks");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
        Assert.Contains(Officer, html, StringComparison.Ordinal);
        Assert.Contains("ny.bruker@example.org", html, StringComparison.Ordinal);
        Assert.Contains("Ikke sendt ennå. Nytt forsøk", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/utboks\"", html, StringComparison.Ordinal); // the footer links to it

        var refused = WebUtility.HtmlDecode(await (await admin.GetAsync($"/utboks/{failed.Id}")).Content.ReadAsStringAsync());
        Assert.Contains("Forsøk", refused, StringComparison.Ordinal);
        Assert.Contains(failed.LastError!, refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Hei ny.bruker@example.org", refused, StringComparison.Ordinal);
        Assert.Contains("Innholdet vises bare for mottakeren", refused, StringComparison.Ordinal);
        var delivered = WebUtility.HtmlDecode(await (await admin.GetAsync($"/utboks/{sent.Id}")).Content.ReadAsStringAsync());
        Assert.Contains("Svar fra e-posttjeneren", delivered, StringComparison.Ordinal);
        Assert.Contains(sent.ServerResponse!, delivered, StringComparison.Ordinal);

        var officer = await _factory.CreateSignedInBrowserClientAsync(Officer, Password);
        var own = WebUtility.HtmlDecode(await (await officer.GetAsync("/utboks")).Content.ReadAsStringAsync());
        Assert.Contains(Officer, own, StringComparison.Ordinal);
        Assert.DoesNotContain("ny.bruker@example.org", own, StringComparison.Ordinal);
        var mine = WebUtility.HtmlDecode(await (await officer.GetAsync($"/utboks/{sent.Id}")).Content.ReadAsStringAsync());
        Assert.Contains($"Hei {Officer}", mine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/utboks/{failed.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _factory.CreateBrowserClient().GetAsync("/utboks")).StatusCode);
    }

    private async Task UserAsync(string email, string? role)
    {
        await using var scope = _factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (role is not null)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                Assert.True((await roles.CreateAsync(new IdentityRole(role))).Succeeded);
            }
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
    }
}
