using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.IntegrationTests.Reporting;
using Ktu.Web.Data;
using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Payments;

/// <summary>
/// Repayment claims offset against the next grant, on a database of its own: Trøndelag's demo year (last year, decided and paid)
/// has claims on two municipalities' grants, issued by the leader with "offset against the next grant"; this year's grants to
/// the same municipalities are then paid through the payment file, which deducts the claims, settles what it covers, and keeps
/// the rest of a claim larger than the payment for a later one.
/// </summary>
public sealed class OffsetClaimTests : IAsyncLifetime, IDisposable
{
    private const string Embete = "trondelag";
    private const string Officer = "saksbehandler.trondelag@demo.ktu";
    private const string Leader = "leder.trondelag@demo.ktu";
    private const string PayerAccount = Ktu.TestSupport.CompleteApplication.ValidAccount;
    private readonly KtuFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Demo:ReportYear"] = "true";
        await ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_payment_file_deducts_an_issued_offset_claim_from_the_next_payment_once_and_never_below_zero()
    {
        // Last year's grants, largest first: the first gets a claim larger than this year's payment, the second a smaller one.
        List<(string Number, Guid Grant, long Amount)> lastYear;
        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == Embete && d.SchemeYear == OpenYear - 1).ToListAsync();
            var numbers = await db.Organisations.AsNoTracking().Where(o => o.EmbeteId == Embete).ToDictionaryAsync(o => o.Id, o => o.MunicipalityNumber);
            lastYear = decisions.OrderByDescending(d => d.AmountGranted).ThenBy(d => d.CaseReference, StringComparer.Ordinal)
                .Select(d => (numbers[d.OrganisationId]!, d.Id, d.AmountGranted)).Take(3).ToList();
        }
        var (big, small, other) = (lastYear[0], lastYear[1], lastYear[2]);
        var grants = await Granting.GrantAsync(_factory, Embete, [big.Number, small.Number, other.Number], []);
        var officer = await _factory.CreateApiClientAsync(Officer);
        var leader = await _factory.CreateApiClientAsync(Leader);
        var thisYearPayment = await GrantedAsync(Guid.Parse(grants[big.Number]));
        var bigClaimAmount = Math.Min(big.Amount, thisYearPayment + 40_000);
        Assert.True(bigClaimAmount > thisYearPayment, "the claim must be larger than the next payment");

        var bigClaim = await IssuedClaimAsync(officer, leader, big.Grant, bigClaimAmount, offset: true);
        var smallClaim = await IssuedClaimAsync(officer, leader, small.Grant, 50_000, offset: true);
        // Neither a claim to be paid back nor one only proposed is deducted.
        await IssuedClaimAsync(officer, leader, other.Grant, 20_000, offset: false);
        var proposedOnly = await officer.PostAsJsonAsync($"/api/v1/grants/{small.Grant}/repayment-claims", Claim(10_000, offset: true));
        Assert.Equal(HttpStatusCode.Created, proposedOnly.StatusCode);

        var csv = await CsvAsync(officer);
        var bigRow = Row(csv, grants[big.Number]);
        var smallRow = Row(csv, grants[small.Number]);
        var otherRow = Row(csv, grants[other.Number]);
        // Amount paid; granted; deducted.
        Assert.Equal(("0", thisYearPayment.ToString(), thisYearPayment.ToString()), (bigRow[3], bigRow[8], bigRow[9]));
        var smallGranted = await GrantedAsync(Guid.Parse(grants[small.Number]));
        Assert.Equal(((smallGranted - 50_000).ToString(), smallGranted.ToString(), "50000"), (smallRow[3], smallRow[8], smallRow[9]));
        Assert.Equal("0", otherRow[9]);

        var claims = await ClaimsAsync(officer, big.Grant);
        var bigAfter = claims.Single(c => c!["id"]!.GetValue<string>() == bigClaim)!;
        Assert.Equal("issued", bigAfter["status"]!.GetValue<string>());
        Assert.Equal((thisYearPayment, bigClaimAmount - thisYearPayment), (bigAfter["offsetAmount"]!.GetValue<long>(), bigAfter["remaining"]!.GetValue<long>()));
        Assert.False(bigAfter["settledByOffset"]!.GetValue<bool>());
        var smallAfter = (await ClaimsAsync(officer, small.Grant)).Single(c => c!["id"]!.GetValue<string>() == smallClaim)!;
        Assert.Equal("paid", smallAfter["status"]!.GetValue<string>());
        Assert.True(smallAfter["settledByOffset"]!.GetValue<bool>());
        Assert.Equal("2026-11-23", smallAfter["paidOn"]!.GetValue<string>());
        Assert.Equal(smallRow[5], smallAfter["offsetPaymentReference"]!.GetValue<string>());
        Assert.Equal(smallRow[5], smallAfter["offsets"]![0]!["paymentReference"]!.GetValue<string>());
        // The applicant sees it on the claim.
        var applicant = await _factory.ApplicantAsync(small.Number);
        var seen = (await ClaimsAsync(applicant, small.Grant)).Single(c => c!["id"]!.GetValue<string>() == smallClaim)!;
        Assert.Equal(50_000, seen["offsets"]![0]!["amount"]!.GetValue<long>());

        // Made again (the payment is not marked paid yet), the file deducts the same, once.
        var again = await CsvAsync(officer);
        Assert.Equal(bigRow, Row(again, grants[big.Number]));
        Assert.Equal(smallRow, Row(again, grants[small.Number]));
        var pain = XDocument.Parse(Encoding.UTF8.GetString(await officer.GetByteArrayAsync($"/api/v1/allocations/{OpenYear}/pain001.xml?payerAccount={PayerAccount}")));
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var ends = pain.Descendants(ns + "EndToEndId").Select(e => e.Value).ToList();
        Assert.DoesNotContain(bigRow[5], ends);
        Assert.Contains(smallRow[5], ends);

        // Marked paid (two people), the payment records what the bank paid: the grant less the deduction.
        var paid = await _factory.MarkPaidAsync(officer, Embete, grants[small.Number], "2026-11-30");
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(smallGranted - 50_000, (await paid.Content.ReadFromJsonAsync<JsonObject>())!["amount"]!.GetValue<long>());

        await using (var scope = _factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var offsets = await db.ClaimOffsets.AsNoTracking().ToListAsync();
            Assert.Equal(2, offsets.Count);
            Assert.Equal(thisYearPayment + 50_000, offsets.Sum(o => o.Amount));
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "claim.offset"));
            var proposed = await db.RepaymentClaims.AsNoTracking().SingleAsync(c => c.Status == ClaimStatus.Proposed);
            Assert.Equal(0, proposed.OffsetAmount);
            var export = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "payment.file-exported").OrderBy(e => e.Id).FirstAsync();
            Assert.Contains("\"offsetTotal\":" + (thisYearPayment + 50_000), export.After, StringComparison.Ordinal);
        }
    }

    private static object Claim(long amount, bool offset) => new
    {
        basis = "unused-funds",
        amount,
        reason = "Midler som ikke ble brukt.",
        dueDate = "2027-01-15",
        chapterPost = "0761.21",
        offsetAgainstNextGrant = offset,
    };

    private static async Task<string> IssuedClaimAsync(HttpClient officer, HttpClient leader, Guid grant, long amount, bool offset)
    {
        var url = $"/api/v1/grants/{grant}/repayment-claims";
        var proposed = await officer.PostAsJsonAsync(url, Claim(amount, offset));
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var id = (await ReadAsync(proposed))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"{url}/{id}/issue", new { version = 1 })).StatusCode);
        return id;
    }

    private static async Task<JsonArray> ClaimsAsync(HttpClient client, Guid grant) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/v1/grants/{grant}/repayment-claims"))!.AsArray();

    private async Task<long> GrantedAsync(Guid grant)
    {
        await using var scope = _factory.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().GrantDecisions.SingleAsync(d => d.Id == grant)).AmountGranted;
    }

    private async Task<string[]> CsvAsync(HttpClient officer)
    {
        var response = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={PayerAccount}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The row of the grant, found by its case reference (column 6).</summary>
    private string[] Row(string[] csv, string grant)
    {
        using var scope = _factory.CreateScope();
        var reference = scope.ServiceProvider.GetRequiredService<AppDbContext>().GrantDecisions.Single(d => d.Id == Guid.Parse(grant)).CaseReference;
        return csv.Select(l => l.Split(';')).Single(r => r[5] == reference);
    }
}
