using System.Net;
using System.Text;
using System.Xml.Linq;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.IntegrationTests.Reporting;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Payments;

/// <summary>
/// Issue 17: an applicant with an unpaid first-round decision and an unpaid supplementary decision of round two is paid both in
/// one payment file, each under its own reference (the case reference for round one, as before; with "-R2" for round two),
/// and each decision is marked paid on its own; its letter, too, downloads under a name with the round. Vestland's two-round year of <see cref="SupplementaryGrantTests.Fixture"/>, on a
/// database of its own.
/// </summary>
public sealed class SupplementaryPaymentTests(SupplementaryGrantTests.Fixture fixture) : IClassFixture<SupplementaryGrantTests.Fixture>
{
    private const string Embete = "vestland";
    private const string Bergen = "4601";
    private const string Officer = "saksbehandler.vestland@demo.ktu";
    private const string PayerAccount = Ktu.TestSupport.CompleteApplication.ValidAccount;

    [Fact]
    public async Task Both_rounds_of_one_applicant_are_paid_in_one_file_under_distinct_references_and_marked_paid_one_by_one()
    {
        var (first, second) = (fixture.Decisions[Bergen][0], fixture.Decisions[Bergen][1]);
        var officer = await fixture.Factory.CreateApiClientAsync(Officer);

        var csv = await CsvAsync(officer);
        var rows = csv.Select(l => l.Split(';')).Where(r => r[5].StartsWith(first.CaseReference, StringComparison.Ordinal)).ToList();
        Assert.Equal([(first.CaseReference, "120000"), ($"{first.CaseReference}-R2", "140000")], rows.Select(r => (r[5], r[3])));

        var pain = XDocument.Parse(Encoding.UTF8.GetString(await officer.GetByteArrayAsync($"/api/v1/allocations/{OpenYear}/pain001.xml?payerAccount={PayerAccount}")));
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var bergen = pain.Descendants(ns + "CdtTrfTxInf")
            .Select(t => (End: t.Descendants(ns + "EndToEndId").Single().Value, Amount: t.Descendants(ns + "InstdAmt").Single().Value, Remark: t.Descendants(ns + "Ustrd").Single().Value))
            .Where(t => t.End.StartsWith(first.CaseReference, StringComparison.Ordinal)).ToList();
        Assert.Equal([(first.CaseReference, "120000.00"), ($"{first.CaseReference}-R2", "140000.00")], bergen.Select(t => (t.End, t.Amount)));
        Assert.StartsWith($"{first.CaseReference}-R2 ", bergen[1].Remark, StringComparison.Ordinal);

        // The supplementary decision is marked paid; the first one is still in the next file, alone under its reference.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Factory.MarkPaidAsync(officer, Embete, second.Id.ToString(), "2027-06-15")).StatusCode);
        var left = (await CsvAsync(officer)).Select(l => l.Split(';')).Where(r => r[5].StartsWith(first.CaseReference, StringComparison.Ordinal));
        Assert.Equal([(first.CaseReference, "120000")], left.Select(r => (r[5], r[3])));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Factory.MarkPaidAsync(officer, Embete, first.Id.ToString(), "2027-06-16")).StatusCode);
        Assert.DoesNotContain((await CsvAsync(officer)).Select(l => l.Split(';')[5]), r => r.StartsWith(first.CaseReference, StringComparison.Ordinal));

        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var paid = await db.GrantPayments.AsNoTracking().Where(p => p.GrantDecisionId == first.Id || p.GrantDecisionId == second.Id)
            .OrderBy(p => p.PaidOn).Select(p => new { p.GrantDecisionId, p.Amount }).ToListAsync();
        Assert.Equal([(second.Id, 140_000L), (first.Id, 120_000L)], paid.Select(p => (p.GrantDecisionId, p.Amount)));
    }

    [Fact]
    public async Task The_supplementary_grants_letter_downloads_under_a_name_of_its_own_with_the_round()
    {
        var (first, second) = (fixture.Decisions[Bergen][0], fixture.Decisions[Bergen][1]);
        var officer = await fixture.Factory.CreateApiClientAsync(Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/allocations/{OpenYear}/letters", null)).StatusCode);

        Assert.Equal($"{first.CaseReference}_v1.pdf", await FileNameAsync(officer, $"/api/v1/grants/{first.Id}/letter.pdf"));
        Assert.Equal($"{first.CaseReference}-R2_v1.pdf", await FileNameAsync(officer, $"/api/v1/grants/{second.Id}/letter.pdf"));
        var page = await fixture.Factory.CreateSignedInBrowserClientAsync($"soker.{Bergen}@demo.ktu");
        var application = fixture.Applications[Bergen];
        Assert.Equal($"{first.CaseReference}_v1.pdf", await FileNameAsync(page, $"/soknad/{application}/vedtak/brev.pdf"));
        Assert.Equal($"{first.CaseReference}-R2_v1.pdf", await FileNameAsync(page, $"/soknad/{application}/vedtak/brev.pdf?round=2"));
    }

    private static async Task<string?> FileNameAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
    }

    private static async Task<string[]> CsvAsync(HttpClient officer)
    {
        var response = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={PayerAccount}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
