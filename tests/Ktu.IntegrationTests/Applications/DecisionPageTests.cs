using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>
/// The applicant's decision page over HTTP on a database of its own, where Harstad's and Kvæfjord's applications are
/// the only ones in Troms og Finnmark: "not yet" before the allocation is approved, then the decision line by line
/// with reasons; Kvæfjord gets nothing and reads a refusal.
/// </summary>
public sealed class DecisionPageTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Officer = QuestionsPageTests.Officer;
    private const string Approver = "leder.troms-og-finnmark@demo.ktu";

    [Fact]
    public async Task The_decision_page_says_not_yet_before_approval_and_shows_amounts_and_reasons_after()
    {
        var id = await QuestionsPageTests.SubmitNewAsync(factory, "5503");
        var browser = await factory.CreateSignedInBrowserClientAsync("soker.5503@demo.ktu");

        var before = await browser.GetAsync(new Uri($"/soknad/{id}/vedtak", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var beforeText = await before.ReadTextAsync();
        Assert.Contains("Statsforvalteren har ikke fattet vedtak ennå.", beforeText, StringComparison.Ordinal);
        Assert.DoesNotContain("Se vedtaket", await (await browser.GetAsync(new Uri("/", UriKind.Relative))).ReadTextAsync(), StringComparison.Ordinal);

        var officer = await QuestionsPageTests.TakeAsync(factory, Officer, id);
        var refusedId = await QuestionsPageTests.SubmitNewAsync(factory, "5510");
        await QuestionsPageTests.TakeAsync(factory, Officer, refusedId);
        var nothing = await officer.PutAsJsonAsync($"/api/v1/cases/{refusedId}/assessment", new
        {
            lines = new[] { "kompetanse-1-videreforing", "kompetanse-1-nye", "bpa-1", "prosjekt-1" }
                .Select(lineId => new { lineId, score = 0, reason = "Tiltaket ligger utenfor ordningen." }),
            completed = true,
        });
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        var assessed = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new
        {
            lines = new object[]
            {
                new { lineId = "kompetanse-1-videreforing", score = 4 },
                new { lineId = "kompetanse-1-nye", score = 3 },
                new { lineId = "bpa-1", score = 5 },
                new { lineId = "prosjekt-1", score = 0, amount = 0, reason = "Prosjektet er drift, ikke utvikling." },
            },
            completed = true,
            note = "Intern merknad som søkeren ikke skal se.",
        });
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        var assessedText = await (await browser.GetAsync(new Uri($"/soknad/{id}/vedtak", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Søknaden er ferdig vurdert", assessedText, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { })).StatusCode);
        await factory.PassApplicationDeadlineAsync("troms-og-finnmark", OpenYear);
        var approver = await factory.CreateApiClientAsync(Approver);
        Assert.Equal(HttpStatusCode.OK, (await approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { })).StatusCode);

        long granted, applied;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var decision = await db.GrantDecisions.AsNoTracking().SingleAsync(d => d.ApplicationId == Guid.Parse(id));
            granted = decision.AmountGranted;
            applied = decision.AmountApplied;
        }
        Assert.True(granted > 0);

        var after = await browser.GetAsync(new Uri($"/soknad/{id}/vedtak", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var text = await after.ReadTextAsync();
        Assert.Contains($"Dere får {Format.Nok(granted)} i tilskudd. Dere søkte om {Format.Nok(applied)}.", text, StringComparison.Ordinal);
        Assert.Contains("Kompetansetiltak", text, StringComparison.Ordinal);
        Assert.Contains("BPA-opplæring", text, StringComparison.Ordinal);
        Assert.Contains("Tjenesteutviklingsprosjekter", text, StringComparison.Ordinal);
        Assert.Contains("Prosjektet er drift, ikke utvikling.", text, StringComparison.Ordinal);
        Assert.Contains("Saksbehandler hos Statsforvalteren i Troms og Finnmark", text, StringComparison.Ordinal);
        Assert.Contains("Leder hos Statsforvalteren i Troms og Finnmark", text, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Prosjekt 1: Tiltak 1: Velferdsteknologi i hjemmetjenesten</th>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Intern merknad", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ikke fattet vedtak", text, StringComparison.Ordinal);
        // The grant letter link waits for the letter route (see the TODO in Decision.cshtml).
        Assert.DoesNotContain("brev.pdf", text, StringComparison.Ordinal);

        var home = await (await browser.GetAsync(new Uri("/", UriKind.Relative))).ReadTextAsync();
        Assert.Contains($"/soknad/{id}/vedtak", home, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Vedtaket om søknaden for 2027 er klart.", home, StringComparison.Ordinal);

        var refusal = await factory.CreateSignedInBrowserClientAsync("soker.5510@demo.ktu");
        var refusalText = await (await refusal.GetAsync(new Uri($"/soknad/{refusedId}/vedtak", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Søknaden er avslått. Dere får ikke tilskudd.", refusalText, StringComparison.Ordinal);
        Assert.Contains("Tiltaket ligger utenfor ordningen.", refusalText, StringComparison.Ordinal);
        Assert.DoesNotContain("Dere får kr", refusalText, StringComparison.Ordinal);

        var stranger = await factory.CreateSignedInBrowserClientAsync("soker.5501@demo.ktu");
        var refused = await stranger.GetAsync(new Uri($"/soknad/{id}/vedtak", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("drift", await refused.ReadTextAsync(), StringComparison.Ordinal);
    }
}
