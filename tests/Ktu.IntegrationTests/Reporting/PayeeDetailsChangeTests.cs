using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Reporting;

/// <summary>
/// Issue 18, changes after the decision: Grimstad merges and reports a new organisation number and a postal address; the
/// leader approves; the payment files and a later claim letter use them, the decision stays as it was and the history is kept.
/// On a database of its own (the transfer-and-claim fixture: Arendal and Grimstad granted and reported).
/// </summary>
public sealed class PayeeDetailsChangeTests(TransferAndClaimTests.Fixture fixture) : IClassFixture<TransferAndClaimTests.Fixture>
{
    private const string Arendal = "4203";
    private const string Grimstad = "4202";
    private const string NewOrgNumber = "939898743";
    private static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_new_organisation_number_and_address_approved_by_the_leader_go_into_the_payment_files_and_later_letters()
    {
        var grant = fixture.Grants[Grimstad];
        var grimstad = await Factory.ApplicantAsync(Grimstad);
        var officer = await Factory.CreateApiClientAsync("saksbehandler.agder@demo.ktu");
        var leader = await Factory.CreateApiClientAsync("leder.agder@demo.ktu");
        var url = $"/api/v1/grants/{grant}/account-changes";

        // Bad organisation numbers and addresses are refused in Norwegian, and nothing is stored.
        foreach (var (field, body) in new (string, object)[]
        {
            ("orgNumber", new { orgNumber = "939898744", reason = "Sammenslåing." }),
            ("orgNumber", new { orgNumber = "93989874", reason = "Sammenslåing." }),
            ("orgNumber", new { orgNumber = "abcdefghi", reason = "Sammenslåing." }),
            ("postCode", new { addressLine1 = "Storgata 1", postCode = "48a6", place = "Grimstad", reason = "Ny adresse." }),
            ("place", new { addressLine1 = "Storgata 1", postCode = "4876", reason = "Ny adresse." }),
            ("accountNumber", new { reason = "Ingenting." }),
        })
        {
            var refused = await grimstad.PostAsJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await ReadAsync(refused);
            Assert.Equal("Noen felt må rettes.", problem["title"]!.GetValue<string>());
            Assert.NotNull(problem["errors"]![field]);
        }
        var nine = await ReadAsync(await grimstad.PostAsJsonAsync(url, new { orgNumber = "93989874", reason = "x" }));
        Assert.Equal("Organisasjonsnummeret må ha 9 siffer.", nine["errors"]!["orgNumber"]![0]!.GetValue<string>());
        Assert.Empty(JsonNode.Parse(await grimstad.GetStringAsync(url))!.AsArray());

        // Another organisation's grant is not found.
        var valid = new { orgNumber = NewOrgNumber, addressLine1 = "Storgata 1", addressLine2 = "Postboks 123", postCode = "4876", place = "Grimstad", reason = "Kommunene er slått sammen." };
        Assert.Equal(HttpStatusCode.NotFound, (await (await Factory.ApplicantAsync(Arendal)).PostAsJsonAsync(url, valid)).StatusCode);

        var requested = await grimstad.PostAsJsonAsync(url, valid);
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var change = await ReadAsync(requested);
        Assert.Equal(NewOrgNumber, change["orgNumber"]!.GetValue<string>());
        Assert.Null(change["accountNumber"]);
        Assert.DoesNotContain("939 898 743", await CsvAsync(officer), StringComparison.Ordinal);

        // Only a leader decides; a case officer is forbidden.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"{url}/{change["id"]}/decision", new { approve = true, version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"{url}/{change["id"]}/decision", new { approve = true, version = 1 })).StatusCode);

        var row = (await CsvAsync(officer)).Split('\n').Single(l => l.StartsWith("Grimstad", StringComparison.Ordinal));
        Assert.Contains(";939 898 743;", row, StringComparison.Ordinal);
        Assert.Contains("Storgata 1, Postboks 123, 4876 Grimstad", row, StringComparison.Ordinal);

        var pain = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/pain001.xml?payerAccount={CompleteApplication.ValidAccount}");
        Assert.Equal(HttpStatusCode.OK, pain.StatusCode);
        var creditor = XDocument.Parse(Encoding.UTF8.GetString(await pain.Content.ReadAsByteArrayAsync())).Descendants(Ns + "Cdtr")
            .Single(c => c.Element(Ns + "Nm")!.Value.StartsWith("Grimstad", StringComparison.Ordinal));
        Assert.Equal(NewOrgNumber, creditor.Descendants(Ns + "Othr").Single().Element(Ns + "Id")!.Value);
        Assert.Equal(["4876", "Grimstad", "NO", "Storgata 1", "Postboks 123"], creditor.Element(Ns + "PstlAdr")!.Elements().Select(e => e.Value));

        // A claim letter issued after the approval is addressed to the new organisation number and address.
        var claims = $"/api/v1/grants/{grant}/repayment-claims";
        var proposed = await ReadAsync(await officer.PostAsJsonAsync(claims, new
        {
            basis = "unused-funds",
            amount = 10_000,
            reason = "Midler som ikke ble brukt i 2027.",
            dueDate = "2028-03-01",
            chapterPost = "0761.21",
            offsetAgainstNextGrant = false,
        }));
        var issued = await ReadAsync(await leader.PostAsJsonAsync($"{claims}/{proposed["id"]}/issue", new { version = 1 }));
        var letter = PdfText.Flat(await grimstad.GetByteArrayAsync(issued["letterUrl"]!.GetValue<string>()));
        Assert.Contains("Storgata 1, Postboks 123, 4876 Grimstad", letter, StringComparison.Ordinal);
        Assert.Contains(NewOrgNumber, letter, StringComparison.Ordinal);

        // The decision is unchanged; the history is kept, for the applicant and the embete, and audited.
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.NotEqual(NewOrgNumber, (await db.GrantDecisions.SingleAsync(d => d.Id == Guid.Parse(grant))).ApplicantOrgNumber);
        Assert.Equal("approved", Assert.Single(JsonNode.Parse(await grimstad.GetStringAsync(url))!.AsArray())!["status"]!.GetValue<string>());
        Assert.Single(JsonNode.Parse(await officer.GetStringAsync(url))!.AsArray());
        var audit = await db.AuditEntries.Where(e => e.EntityId == grant && e.Action.StartsWith("grant.account-change-")).Select(e => e.Action).ToListAsync();
        Assert.Equal(["grant.account-change-approved", "grant.account-change-requested"], audit.Order(StringComparer.Ordinal));
    }

    private static async Task<string> CsvAsync(HttpClient officer)
    {
        var response = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={CompleteApplication.ValidAccount}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
