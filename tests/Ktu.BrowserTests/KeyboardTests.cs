using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

public sealed class KeyboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_first_Tab_on_the_login_page_focuses_the_skip_link_which_leads_to_the_main_content()
    {
        await Page.GotoAsync("/logg-inn");

        await Page.Keyboard.PressAsync("Tab");

        var skipLink = Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Hopp til hovedinnhold" });
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToBeVisibleAsync(); // shown when focused, so sighted keyboard users see it

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_first_Tab_on_the_start_page_focuses_the_skip_link()
    {
        await LogInAsync("saksbehandler.trondelag@demo.ktu");

        await Page.Keyboard.PressAsync("Tab");

        await Expect(Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Hopp til hovedinnhold" })).ToBeFocusedAsync();
    }
}
