using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// The audit trail page (issue 16): the leader opens it from the menu and sees only the embete's entries, a date written
/// the wrong way is answered in the error summary, and the administrator sees every embete. Axe checks each state.
/// </summary>
public sealed class AuditTrailPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_leader_reads_the_embetes_trail_and_a_bad_date_is_explained()
    {
        await LogInAsync("leder.trondelag@demo.ktu");
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Revisjonslogg", Exact = true }).ClickAsync();
        await Expect(Heading(Page, "Revisjonslogg")).ToBeVisibleAsync();
        await CheckPageAsync(Page, "audit-trail");
        // Which entries the shared demo app holds depends on the tests before; who sees what is tested over HTTP (AuditTrailReadingTests).
        await Expect(Page.GetByTestId("audit-count").Or(Page.GetByTestId("audit-empty"))).ToBeVisibleAsync();
        if (await Page.GetByTestId("audit-entries").CountAsync() > 0)
        {
            await Expect(Page.GetByTestId("audit-entries")).Not.ToContainTextAsync("innlandet");
        }

        await Page.GetByLabel("Fra dato").FillAsync("i går");
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Vis", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#error-summary")).ToContainTextAsync("Datoen må skrives som åååå-mm-dd");
        await CheckPageAsync(Page, "audit-trail-error");

        await Page.GetByLabel("Fra dato").FillAsync("");
        await Page.GetByLabel("Person (e-post)").FillAsync("finnes.ikke@example.org");
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Vis", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("audit-empty")).ToBeVisibleAsync();

        var admin = await LogInInNewContextAsync("admin@demo.ktu");
        await admin.GotoAsync("/revisjonslogg");
        await Expect(admin.GetByTestId("audit-count").Or(admin.GetByTestId("audit-empty"))).ToBeVisibleAsync();
        await CheckPageAsync(admin, "audit-trail-admin");
        await admin.Context.CloseAsync();
    }
}
