using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Administration;

/// <summary>
/// The administrator's register of organisations that are not municipalities: MOD11 org numbers, no duplicates, admins
/// only, history with before and after, and a deactivated organisation cannot start an application.
/// </summary>
public sealed class OrganisationAdminTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Route = "/api/v1/admin/organisations";

    [Fact]
    public async Task The_admin_registers_a_university_college_changes_it_and_reads_its_history_with_before_and_after()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");

        var created = await admin.PostAsJsonAsync(Route, new { orgNumber = "990 000 018", name = "Testhøgskolen", kind = "University", embeteId = "trondelag" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var org = await ReadAsync(created);
        var id = org["id"]!.GetValue<int>();
        Assert.Equal("990000018", org["orgNumber"]!.GetValue<string>());
        Assert.True(org["active"]!.GetValue<bool>());
        Assert.Equal($"/api/v1/admin/organisations/{id}", created.Headers.Location?.OriginalString);
        Assert.Contains((await ReadArrayAsync(admin, Route)), o => o!["id"]!.GetValue<int>() == id);

        var changed = await admin.PutAsJsonAsync($"{Route}/{id}", new { name = "Testuniversitetet", kind = "University", embeteId = "nordland", version = org["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var stale = await admin.PutAsJsonAsync($"{Route}/{id}", new { name = "Gammel versjon", kind = "University", embeteId = "nordland", version = org["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Noen andre har endret organisasjonen", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var read = JsonNode.Parse(await admin.GetStringAsync(new Uri($"{Route}/{id}", UriKind.Relative)))!.AsObject();
        Assert.Equal("Testuniversitetet", read["name"]!.GetValue<string>());
        Assert.Equal("nordland", read["embeteId"]!.GetValue<string>());
        var history = read["history"]!.AsArray();
        Assert.Equal(["organisation.changed", "organisation.registered"], history.Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal("Testhøgskolen", history[0]!["before"]!["name"]!.GetValue<string>());
        Assert.Equal("trondelag", history[0]!["before"]!["embeteId"]!.GetValue<string>());
        Assert.Equal("Testuniversitetet", history[0]!["after"]!["name"]!.GetValue<string>());
        Assert.Equal("admin@demo.ktu", history[0]!["by"]!.GetValue<string>());

        var browser = await factory.CreateSignedInBrowserClientAsync("admin@demo.ktu");
        var page = await (await browser.GetAsync(new Uri($"/admin/organisasjoner/{id}", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Testuniversitetet", page, StringComparison.Ordinal);
        Assert.Contains("Testhøgskolen", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("990000017", "orgNumber", "er ikke gyldig")]
    [InlineData("12345", "orgNumber", "må ha 9 siffer")]
    [InlineData("", "orgNumber", "mangler")]
    public async Task A_bad_org_number_is_refused_with_a_norwegian_message_and_nothing_is_stored(string orgNumber, string field, string words)
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var before = await CountAsync();

        var response = await admin.PostAsJsonAsync(Route, new { orgNumber, name = "Feil nummer AS", kind = "InterMunicipalCompany", embeteId = "agder" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadAsync(response))["errors"]![field]!.AsArray();
        Assert.Contains(words, errors[0]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_municipality_kind_or_an_unknown_embete_is_refused()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");

        var response = await admin.PostAsJsonAsync(Route, new { orgNumber = "990000026", name = "Ikke kommune", kind = "Municipality", embeteId = "atlantis" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains("universitet", errors["kind"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("embete", errors["embeteId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_org_number_is_refused_and_names_the_organisation_that_has_it()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Route, new { orgNumber = "990000034", name = "Første IKS", kind = "InterMunicipalCompany", embeteId = "agder" })).StatusCode);
        var before = await CountAsync();

        var again = await admin.PostAsJsonAsync(Route, new { orgNumber = "990000034", name = "Andre IKS", kind = "InterMunicipalCompany", embeteId = "agder" });
        var municipality = await admin.PostAsJsonAsync(Route, new { orgNumber = "942110464", name = "Trondheim IKS", kind = "InterMunicipalCompany", embeteId = "trondelag" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Organisasjonsnummeret 990000034 er allerede registrert for Første IKS.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, municipality.StatusCode);
        Assert.Contains("er allerede registrert for Trondheim", await municipality.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("direktorat@demo.ktu")]
    [InlineData("leder.trondelag@demo.ktu")]
    [InlineData("soker.5001@demo.ktu")]
    public async Task Anyone_but_the_admin_is_refused(string email)
    {
        var user = await factory.CreateApiClientAsync(email);
        var before = await CountAsync();

        var list = await user.GetAsync(new Uri(Route, UriKind.Relative));
        var post = await user.PostAsJsonAsync(Route, new { orgNumber = "990000042", name = "Uten lov", kind = "University", embeteId = "agder" });
        var page = await (await factory.CreateSignedInBrowserClientAsync(email)).GetAsync(new Uri("/admin/organisasjoner", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("/ingen-tilgang", page.RedirectPath());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_deactivated_organisation_cannot_start_an_application_but_an_active_one_can_and_its_history_stays()
    {
        var admin = await factory.CreateApiClientAsync("admin@demo.ktu");
        var active = await RegisterAsync(admin, "990000050", "Aktiv høgskole");
        var closing = await RegisterAsync(admin, "990000069", "Nedlagt høgskole");
        var deactivated = await admin.PostAsJsonAsync($"{Route}/{closing["id"]}/deactivate", new { version = closing["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await ReadAsync(deactivated))["active"]!.GetValue<bool>());

        var activeApplicant = await ApplicantOfAsync(active["id"]!.GetValue<int>(), "soker.aktiv@example.org");
        var closedApplicant = await ApplicantOfAsync(closing["id"]!.GetValue<int>(), "soker.nedlagt@example.org");

        var started = await activeApplicant.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear });
        var refused = await closedApplicant.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Nedlagt høgskole er deaktivert i KTU og kan ikke starte en søknad.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var closedId = closing["id"]!.GetValue<int>();
            Assert.False(await db.Applications.AnyAsync(a => a.OrganisationId == closedId));
        }
        var history = JsonNode.Parse(await admin.GetStringAsync(new Uri($"{Route}/{closing["id"]}", UriKind.Relative)))!["history"]!.AsArray();
        Assert.Equal("organisation.deactivated", history[0]!["action"]!.GetValue<string>());
        Assert.True(history[0]!["before"]!["active"]!.GetValue<bool>());
        Assert.False(history[0]!["after"]!["active"]!.GetValue<bool>());
    }

    private async Task<JsonObject> RegisterAsync(HttpClient admin, string orgNumber, string name)
    {
        var response = await admin.PostAsJsonAsync(Route, new { orgNumber, name, kind = "University", embeteId = "vestland" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync(response);
    }

    private async Task<HttpClient> ApplicantOfAsync(int organisationId, string email)
    {
        const string password = "Soker-Test-2026!";
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, OrganisationId = organisationId };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
        }
        return await factory.CreateApiClientAsync(email, password);
    }

    private static async Task<JsonArray> ReadArrayAsync(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)))!.AsArray();

    private async Task<int> CountAsync()
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations.CountAsync();
    }
}
