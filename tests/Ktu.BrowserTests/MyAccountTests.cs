using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

/// <summary>
/// A person's own account page (/konto, issue 19): their log-in history, ending their other sessions and changing their
/// password, all on the page, accessible. Molde's applicant is used by no other browser test, so the changed password
/// changes nothing for them.
/// </summary>
public sealed class MyAccountTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Email = "soker.1506@demo.ktu";
    private const string NewPassword = "Molde-Rosene-2026!";

    [Fact]
    public async Task A_person_sees_the_own_logins_ends_other_sessions_and_changes_the_password_on_the_page()
    {
        // Another desk, signed in as the same person; and one wrong password here before the right one.
        var elsewhere = await LogInInNewContextAsync(Email);
        await Page.GotoAsync("/logg-inn");
        await SubmitLoginAsync(Email, "Feil-passord-123");
        await Expect(Page.Locator(".ds-error-summary")).ToBeVisibleAsync();
        await SubmitLoginAsync(Email, DemoPassword);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await Page.GotoAsync("/konto");
        await Expect(Heading(Page, "Min konto")).ToBeVisibleAsync();
        var logins = Page.GetByTestId("logins");
        await Expect(logins.GetByRole(AriaRole.Cell, new LocatorGetByRoleOptions { Name = "Innlogget", Exact = true })).ToHaveCountAsync(2);
        await Expect(logins.GetByRole(AriaRole.Cell, new LocatorGetByRoleOptions { Name = "Mislyktes", Exact = true })).ToHaveCountAsync(1);
        await CheckPageAsync(Page, "my-account");

        // Ending the other sessions leaves this one signed in and sends the other desk to the log-in page.
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logg ut alle andre steder", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("account-done")).ToContainTextAsync("Du er logget ut alle andre steder.");
        await elsewhere.GotoAsync("/");
        Assert.Equal("/logg-inn", new Uri(elsewhere.Url).AbsolutePath);
        await elsewhere.Context.CloseAsync();
        await Page.ReloadAsync();
        await Expect(Heading(Page, "Min konto")).ToBeVisibleAsync();

        // A new password that breaks the rules is refused with the reason at the field; the old one still works.
        await Page.GetByLabel("Passordet du har nå", new PageGetByLabelOptions { Exact = true }).FillAsync(DemoPassword);
        await Page.GetByLabel("Nytt passord", new PageGetByLabelOptions { Exact = true }).FillAsync("kort");
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Bytt passord", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".ds-error-summary")).ToBeVisibleAsync();
        await Page.AssertNoSeriousViolationsAsync();

        await Page.GetByLabel("Passordet du har nå", new PageGetByLabelOptions { Exact = true }).FillAsync(DemoPassword);
        await Page.GetByLabel("Nytt passord", new PageGetByLabelOptions { Exact = true }).FillAsync(NewPassword);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Bytt passord", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("account-done")).ToContainTextAsync("Passordet er byttet.");
        await Page.AssertNoSeriousViolationsAsync();

        // The old password no longer opens the account; the new one does.
        await Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Logg ut" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/logg-inn");
        await SubmitLoginAsync(Email, DemoPassword);
        await Expect(Page.Locator(".ds-error-summary")).ToBeVisibleAsync();
        Assert.Equal("/logg-inn", new Uri(Page.Url).AbsolutePath);
        await SubmitLoginAsync(Email, NewPassword);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(Heading(Page, "Molde kommune")).ToBeVisibleAsync();
    }
}
