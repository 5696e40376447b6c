using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// A leader invites a new case officer from the pages; the invitation goes through the outbox, and the new colleague
/// opens the link, chooses a password and logs in. The administrator then locks and unlocks the account. Axe checks the pages.
/// </summary>
public sealed class InvitationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_leader_invites_a_case_officer_who_chooses_a_password_and_the_admin_locks_the_account()
    {
        const string email = "ny.kollega.nettleser@example.org";
        await LogInAsync("leder.trondelag@demo.ktu");
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Brukere", Exact = true }).ClickAsync();
        await CheckPageAsync(Page, "admin-users");
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Inviter en bruker", Exact = true }).ClickAsync();
        await Page.GetByLabel("E-postadresse").FillAsync(email);
        await Page.GetByLabel("Rolle").SelectOptionAsync("case-officer");
        await Page.GetByLabel("Embete (for saksbehandlere og ledere)").SelectOptionAsync("trondelag");
        await CheckPageAsync(Page, "admin-invite");
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send invitasjon", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitasjonen er sendt til {email}.");
        await Expect(Page.Locator($"tr[data-email='{email}']")).ToContainTextAsync("Invitert, har ikke valgt passord");

        var admin = await LogInInNewContextAsync("admin@demo.ktu");
        await admin.GotoAsync("/utboks");
        await admin.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = email }).GetByRole(AriaRole.Link).First.ClickAsync();
        var body = await admin.GetByTestId("outbox-body").InnerTextAsync();
        var link = body.Split('\n').Select(l => l.Trim()).First(l => l.Contains("/konto/sett-passord?token=", StringComparison.Ordinal));

        var invited = await Fixture.NewPageAsync();
        await invited.GotoAsync(new Uri(link).PathAndQuery);
        await invited.GetByLabel("Nytt passord").FillAsync("Ny-Kollega-2026!");
        await invited.GetByLabel("Gjenta passordet").FillAsync("Ny-Kollega-2026!");
        await CheckPageAsync(invited, "set-password");
        await invited.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Lagre passord", Exact = true }).ClickAsync();
        await Expect(invited.GetByTestId("password-set")).ToContainTextAsync("Passordet er lagret.");

        await admin.GotoAsync($"/admin/brukere?q={email}");
        await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Lås {email}", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Brukeren er låst.");
        await Expect(admin.Locator($"tr[data-email='{email}']")).ToContainTextAsync("Låst");
        await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Lås opp {email}", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Brukeren er låst opp.");
        await admin.Context.CloseAsync();
    }
}
