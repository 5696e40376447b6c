using Ktu.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ktu.BrowserTests;

public sealed class StaffStartPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Case_officer_sees_the_start_page_of_Statsforvalteren_i_Trondelag()
    {
        await LogInAsync("saksbehandler.trondelag@demo.ktu");

        await Expect(Heading(Page, "Statsforvalteren i Trøndelag")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Banner).GetByTestId("embete")).ToHaveTextAsync("Statsforvalteren i Trøndelag");
        await ScreenshotAsync("start-case-officer");
        await Page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Admin_sees_the_scheme_years_and_the_form_to_copy_one()
    {
        await LogInAsync("admin@demo.ktu");

        await Page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "Hovedmeny" })
            .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Ordningsår" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ordningsar");
        await Expect(Heading(Page, "Ordningsår")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "2027", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync("scheme-years");
        await Page.AssertNoSeriousViolationsAsync();

        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Lag neste år ved å kopiere" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ordningsar/ny");
        await Expect(Heading(Page, "Lag nytt ordningsår")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Kopier fra")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Nytt år")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Søknadsfrist (dato)")).ToBeVisibleAsync();
        await ScreenshotAsync("scheme-year-copy");
        await Page.AssertNoSeriousViolationsAsync();
    }
}
