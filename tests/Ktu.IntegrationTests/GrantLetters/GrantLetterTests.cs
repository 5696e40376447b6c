using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.GrantLetters;

/// <summary>
/// Letters and payment after approval, in Møre og Romsdal on a database of its own: three applications
/// (Ørsta and Ålesund granted, Hareid refused) go through assessment and four-eyes approval once for the class;
/// then letters are made in two steps, read back as PDF, corrected, archived and paid.
/// </summary>
public sealed class GrantLetterTests(GrantLetterTests.Fixture fixture) : IClassFixture<GrantLetterTests.Fixture>
{
    public const string Embete = "more-og-romsdal";
    public const string Officer = "saksbehandler.more-og-romsdal@demo.ktu";
    public const string Approver = "leder.more-og-romsdal@demo.ktu";
    /// <summary>A second leader, who has declared a conflict on Ålesund's application.</summary>
    public const string ConflictedLeader = "leder2.more-og-romsdal@demo.ktu";

    /// <summary>The case officer's extra conditions for Ørsta only; long enough to wrap in the letter.</summary>
    private const string OrstaConditions = "Kommunen skal sende en kort statusrapport om opplæringen innen 1. desember, med antall deltakere og hva som gjenstår.";
    private const string Orsta = "1520";
    private const string Alesund = "1508";
    private const string Hareid = "1517";

    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();
        public Dictionary<string, string> Applications { get; } = [];
        /// <summary>The first generation call, with ?max=1, and the second, which makes the rest.</summary>
        public JsonObject FirstBatch { get; private set; } = null!;
        public JsonObject SecondBatch { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Factory).InitializeAsync();
            await using (var scope = Factory.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var pot = await db.Pots.Include(p => p.Earmarks).SingleAsync(p => p.SchemeYear == OpenYear && p.EmbeteId == Embete);
                pot.Amount = 5_000_000;
                await db.SaveChangesAsync();
            }
            var officer = await Factory.CreateApiClientAsync(Officer);
            foreach (var number in new[] { Orsta, Alesund, Hareid })
            {
                var api = await Factory.ApplicantAsync(number);
                var draft = await SaveAsync(api, Complete(await StartAsync(api)));
                Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
                var id = Id(draft);
                Applications[number] = id;
                await Factory.AssignAndDeclareAsync(id, Officer, officer);
                var score = number == Hareid ? 0 : 3;
                var reason = number == Hareid ? "Søknaden gjelder ordinær drift, ikke kompetanse eller utvikling." : null;
                var lines = new[] { "kompetanse-1-videreforing", "kompetanse-1-nye", "bpa-1", "prosjekt-1" }
                    .Select(l => new { lineId = l, score, reason }).ToArray();
                var extraConditions = number == Orsta ? OrstaConditions : null;
                var assessed = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true, extraConditions });
                Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
            }
            // The second leader is related to Ålesund's applicant and says so before anything is decided.
            var conflicted = await Factory.CreateApiClientAsync(ConflictedLeader);
            var declared = await conflicted.PostAsJsonAsync($"/api/v1/cases/{Applications[Alesund]}/impartiality", new { conflict = true, reason = "Nær familie arbeider hos søkeren." });
            Assert.True(declared.StatusCode == HttpStatusCode.OK, await declared.Content.ReadAsStringAsync());
            var round = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}"));
            Assert.Empty(round["blockers"]!.AsArray());
            var submitted = await officer.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/submit", new { version = round["version"]!.GetValue<int>() });
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            await Factory.PassApplicationDeadlineAsync(Embete, OpenYear);
            var approver = await Factory.CreateApiClientAsync(Approver);
            var approved = await approver.PostAsJsonAsync($"/api/v1/allocations/{OpenYear}/approve", new { version = (await ReadAsync(submitted))["version"]!.GetValue<int>() });
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

            var first = await officer.PostAsync(new Uri($"/api/v1/allocations/{OpenYear}/letters?max=1", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            FirstBatch = await ReadAsync(first);
            SecondBatch = await ReadAsync(await approver.PostAsync(new Uri($"/api/v1/allocations/{OpenYear}/letters", UriKind.Relative), null));
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task One_letter_per_decision_is_made_in_batches_refusal_included_and_making_them_again_keeps_them()
    {
        Assert.Equal(1, fixture.FirstBatch["made"]!.GetValue<int>());
        Assert.Equal(2, fixture.FirstBatch["remaining"]!.GetValue<int>());
        Assert.Equal(2, fixture.SecondBatch["made"]!.GetValue<int>());
        Assert.Equal(0, fixture.SecondBatch["remaining"]!.GetValue<int>());
        var grants = fixture.SecondBatch["grants"]!.AsArray();
        Assert.Equal(3, grants.Count);
        Assert.All(grants, g => Assert.NotEmpty(g!["letters"]!.AsArray()));
        Assert.Single(grants, g => g!["isRefusal"]!.GetValue<bool>());

        var officer = await Factory.CreateApiClientAsync(Officer);
        var again = await ReadAsync(await officer.PostAsync(new Uri($"/api/v1/allocations/{OpenYear}/letters", UriKind.Relative), null));
        Assert.Equal(0, again["made"]!.GetValue<int>());

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(3, await db.GrantLetters.CountAsync(l => l.EmbeteId == Embete && l.Version == 1));
        var decisionIds = (await db.GrantDecisions.Where(d => d.EmbeteId == Embete).Select(d => d.Id).ToListAsync()).Select(d => d.ToString()).ToList();
        // One audit entry per letter row, corrections included.
        Assert.Equal(await db.GrantLetters.CountAsync(l => l.EmbeteId == Embete),
            await db.AuditEntries.CountAsync(e => e.Action == "letter.created" && decisionIds.Contains(e.EntityId)));
        Assert.True(await db.OutboxMessages.CountAsync(m => m.To == "kari.kontakt@example.org" && m.Subject.StartsWith("Tilskuddsbrev er klart")) >= 3);
    }

    [Fact]
    public async Task The_letter_reads_back_with_amounts_names_and_the_refusal()
    {
        var orsta = await Factory.ApplicantAsync(Orsta);
        var grant = await GrantAsync(Orsta);
        var text = PdfText.Lines(await orsta.GetByteArrayAsync($"/api/v1/grants/{grant["grantId"]}/letter.pdf?version=1"));
        Assert.Contains("Vedtak om", text, StringComparison.Ordinal);
        Assert.Contains("Ørsta", text, StringComparison.Ordinal);
        Assert.Contains("Møre og Romsdal", text, StringComparison.Ordinal);
        Assert.Contains(Ktu.Web.Domain.Format.Nok(grant["amountGranted"]!.GetValue<long>()), text, StringComparison.Ordinal);
        Assert.Contains("forvaltningsloven § 28", text, StringComparison.Ordinal);
        var flat = PdfText.Flat(await orsta.GetByteArrayAsync($"/api/v1/grants/{grant["grantId"]}/letter.pdf?version=1"));
        Assert.Contains("Særlige vilkår for dere " + OrstaConditions, flat, StringComparison.Ordinal);
        var alesund = await Factory.ApplicantAsync(Alesund);
        var alesundText = PdfText.Lines(await alesund.GetByteArrayAsync($"/api/v1/grants/{(await GrantAsync(Alesund))["grantId"]}/letter.pdf?version=1"));
        Assert.DoesNotContain("Særlige vilkår", alesundText, StringComparison.Ordinal);

        var hareid = await Factory.ApplicantAsync(Hareid);
        var refusal = await GrantAsync(Hareid);
        Assert.True(refusal["isRefusal"]!.GetValue<bool>());
        var refusalText = PdfText.Lines(await hareid.GetByteArrayAsync($"/soknad/{fixture.Applications[Hareid]}/vedtak/brev.pdf"));
        Assert.Contains("Avslag på søknad", refusalText, StringComparison.Ordinal);
        Assert.Contains("ordinær drift", refusalText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrected_letter_is_a_new_version_and_both_are_kept()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var grant = await GrantAsync(Alesund);
        var id = grant["grantId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/grants/{id}/letters", new { reason = " " })).StatusCode);
        var corrected = await Factory.CorrectLetterAsync(officer, Embete, id, "Feil i kontaktlinjen.");
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var version = (await ReadAsync(corrected))["version"]!.GetValue<int>();
        Assert.True(version >= 2);

        var latest = PdfText.Lines(await officer.GetByteArrayAsync($"/api/v1/grants/{id}/letter.pdf"));
        Assert.Contains($"Korrigert vedtak, versjon {version.ToString(CultureInfo.InvariantCulture)}", latest, StringComparison.Ordinal);
        Assert.Contains("erstatter brevet datert", latest, StringComparison.Ordinal);
        var first = PdfText.Lines(await officer.GetByteArrayAsync($"/api/v1/grants/{id}/letter.pdf?version=1"));
        Assert.DoesNotContain("Korrigert", first, StringComparison.Ordinal);

        var letters = (await GrantAsync(Alesund))["letters"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, version), letters.Select(l => l!["version"]!.GetValue<int>()));
        Assert.Equal("Feil i kontaktlinjen.", letters[version - 1]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_corrected_letter_is_made_and_sent_only_when_another_leader_confirms_it()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var id = (await GrantAsync(Orsta))["grantId"]!.GetValue<string>();
        var before = (await GrantAsync(Orsta))["letters"]!.AsArray().Count;
        int Emails(AppDbContext db) => db.OutboxMessages.Count(m => m.Body.Contains("korrigert tilskuddsbrev"));
        int emailsBefore;
        await using (var scope = Factory.CreateScope())
        {
            emailsBefore = Emails(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        // Proposed by the officer: waiting, shown with who proposed it, and no letter and no e-mail yet.
        var proposed = await officer.PostAsJsonAsync($"/api/v1/grants/{id}/letters", new { reason = "Feil navn på kontaktpersonen." });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var proposal = await ReadAsync(proposed);
        Assert.Equal("pending", proposal["status"]!.GetValue<string>());
        var proposalId = proposal["proposalId"]!.GetValue<string>();
        var waiting = await GrantAsync(Orsta);
        Assert.Equal(before, waiting["letters"]!.AsArray().Count);
        Assert.Equal(proposalId, waiting["pendingCorrection"]!["proposalId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/grants/{id}/letters", new { reason = "En til." })).StatusCode);

        // The officer cannot confirm (not a leader), another officer cannot cancel it, and confirming needs the proposal.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/grants/{id}/letters/confirm", new { proposalId })).StatusCode);
        var other = await Factory.CreateApiClientAsync("saksbehandler2.more-og-romsdal@demo.ktu");
        var notHis = await other.PostAsJsonAsync($"/api/v1/grants/{id}/letters/cancel", new { proposalId });
        Assert.Equal(HttpStatusCode.Forbidden, notHis.StatusCode);
        Assert.Contains("Bare en leder i embetet", (await ReadAsync(notHis))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var leader = await Factory.CreateApiClientAsync(Approver);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.PostAsJsonAsync($"/api/v1/grants/{id}/letters/confirm", new { })).StatusCode);
        Assert.Equal(before, (await GrantAsync(Orsta))["letters"]!.AsArray().Count);

        // A leader refuses it: nothing is made; a new proposal by the leader is one the leader cannot confirm.
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/grants/{id}/letters/cancel", new { proposalId })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsJsonAsync($"/api/v1/grants/{id}/letters/confirm", new { proposalId })).StatusCode);
        var own = await ReadAsync(await leader.PostAsJsonAsync($"/api/v1/grants/{id}/letters", new { reason = "Feil navn på kontaktpersonen." }));
        var ownId = own["proposalId"]!.GetValue<string>();
        var refused = await leader.PostAsJsonAsync($"/api/v1/grants/{id}/letters/confirm", new { proposalId = ownId });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("kan ikke bekrefte ditt eget forslag", (await ReadAsync(refused))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await GrantAsync(Orsta))["letters"]!.AsArray().Count);

        // Another leader (the one without a conflict on Ørsta) confirms: now the letter is made and the applicant told.
        await using (var scope = Factory.CreateScope())
        {
            Assert.Equal(emailsBefore, Emails(scope.ServiceProvider.GetRequiredService<AppDbContext>()));
        }
        var confirmed = await (await Factory.CreateApiClientAsync(ConflictedLeader)).PostAsJsonAsync($"/api/v1/grants/{id}/letters/confirm", new { proposalId = ownId });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var after = await GrantAsync(Orsta);
        Assert.Equal(before + 1, after["letters"]!.AsArray().Count);
        Assert.Null(after["pendingCorrection"]);

        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(emailsBefore + 1, Emails(db));
            var actions = await db.AuditEntries.Where(e => e.EntityId == id && e.Action.StartsWith("letter.correction-"))
                .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.ActorEmail, e.Before, e.After }).ToListAsync();
            Assert.Equal(["letter.correction-proposed", "letter.correction-cancelled", "letter.correction-proposed", "letter.correction-confirmed"],
                actions.Select(a => a.Action));
            Assert.Equal([Officer, Approver, Approver, ConflictedLeader], actions.Select(a => a.ActorEmail));
            Assert.Equal("pending", JsonNode.Parse(actions[3].Before!)!["status"]!.GetValue<string>());
            Assert.Equal("confirmed", JsonNode.Parse(actions[3].After!)!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_leader_with_a_declared_conflict_neither_proposes_confirms_nor_refuses()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var id = (await GrantAsync(Alesund))["grantId"]!.GetValue<string>();
        var proposed = await officer.PostAsJsonAsync($"/api/v1/grants/{id}/paid", new { paidOn = "2027-06-20" });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var proposalId = (await ReadAsync(proposed))["proposalId"]!.GetValue<string>();

        var conflicted = await Factory.CreateApiClientAsync(ConflictedLeader);
        var confirm = await conflicted.PostAsJsonAsync($"/api/v1/grants/{id}/paid/confirm", new { proposalId });
        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Contains("inhabil", (await ReadAsync(confirm))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await conflicted.PostAsJsonAsync($"/api/v1/grants/{id}/paid/cancel", new { proposalId })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await conflicted.PostAsJsonAsync($"/api/v1/grants/{id}/letters", new { reason = "Rettelse." })).StatusCode);
        Assert.Null((await GrantAsync(Alesund))["paidOn"]);
        Assert.Null((await GrantAsync(Alesund))["pendingCorrection"]);

        // The officer withdraws the proposal: the grant stays unpaid and nothing waits.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/grants/{id}/paid/cancel", new { proposalId })).StatusCode);
        var after = await GrantAsync(Alesund);
        Assert.Null(after["paidOn"]);
        Assert.Null(after["pendingPayment"]);
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.GrantPayments.AnyAsync(p => p.GrantDecisionId == Guid.Parse(id)));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "payment.proposal-cancelled" && e.EntityId == id && e.ActorEmail == Officer));
    }

    [Fact]
    public async Task The_letter_is_not_found_for_another_organisations_applicant_or_another_embetes_officer()
    {
        var grant = await GrantAsync(Orsta);
        var path = $"/api/v1/grants/{grant["grantId"]}/letter.pdf";
        var page = $"/soknad/{fixture.Applications[Orsta]}/vedtak/brev.pdf";
        foreach (var stranger in new[]
        {
            await Factory.ApplicantAsync(Alesund),
            await Factory.ApplicantAsync("0301"),
            await Factory.CreateApiClientAsync("saksbehandler.agder@demo.ktu"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page)).StatusCode);
        }
        var owner = await Factory.ApplicantAsync(Orsta);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page)).StatusCode);
        // Another embete's officer cannot correct or mark it paid either.
        var agder = await Factory.CreateApiClientAsync("saksbehandler.agder@demo.ktu");
        Assert.Equal(HttpStatusCode.NotFound, (await agder.PostAsJsonAsync($"/api/v1/grants/{grant["grantId"]}/letters", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agder.PostAsJsonAsync($"/api/v1/grants/{grant["grantId"]}/paid", new { paidOn = "2027-06-01" })).StatusCode);
    }

    [Fact]
    public async Task The_archive_zip_holds_the_latest_letters_and_metadata_with_checksums()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var response = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/archive.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var metadata = XDocument.Load(zip.GetEntry("metadata.xml")!.Open());
        var documents = metadata.Root!.Elements("dokument").ToList();
        Assert.Equal(3, documents.Count);
        foreach (var d in documents)
        {
            var entry = zip.GetEntry(d.Element("filnavn")!.Value)!;
            using var stream = new MemoryStream();
            await entry.Open().CopyToAsync(stream);
            Assert.Equal(d.Element("sjekksum")!.Value, Convert.ToHexStringLower(SHA256.HashData(stream.ToArray())));
            Assert.StartsWith("KTU-", d.Element("saksnummer")!.Value, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{64}$", d.Element("malsjekksum")!.Value);
        }
        Assert.Contains(documents, d => d.Element("mottaker")!.Value.Contains("Ørsta", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Payment_files_pay_the_granted_unpaid_amounts_and_refuse_a_bad_account()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var list = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}/letters"));
        var due = list["grants"]!.AsArray().Where(g => !g!["isRefusal"]!.GetValue<bool>() && g["paidOn"] is null).ToList();

        var missing = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/pain001.xml");
        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        Assert.Contains("kontonummer", (await ReadAsync(missing))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var pain = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/pain001.xml?payerAccount={ValidAccount}");
        Assert.Equal(HttpStatusCode.OK, pain.StatusCode);
        var bytes = await pain.Content.ReadAsByteArrayAsync();
        Ktu.UnitTests.Payments.Pain001Schema.AssertValid(bytes);
        var xml = XDocument.Parse(Encoding.UTF8.GetString(bytes));
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
        var header = xml.Root!.Element(ns + "CstmrCdtTrfInitn")!.Element(ns + "GrpHdr")!;
        Assert.Equal(due.Count.ToString(CultureInfo.InvariantCulture), header.Element(ns + "NbOfTxs")!.Value);
        var sum = due.Sum(g => g!["amountGranted"]!.GetValue<long>());
        Assert.Equal(sum, (long)decimal.Parse(header.Element(ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));

        var csv = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={ValidAccount}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var rows = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(rows.Length > due.Count);
        foreach (var g in due)
        {
            var row = Assert.Single(rows, r => r.Contains(g!["caseReference"]!.GetValue<string>(), StringComparison.Ordinal));
            Assert.Contains(g!["amountGranted"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), row.Split(';'));
        }

        // An account that fails MOD11 stops the file, and the message names the payment.
        Assert.Equal(HttpStatusCode.Conflict,
            (await officer.GetAsync($"/api/v1/allocations/{OpenYear}/pain001.xml?payerAccount=12345678901")).StatusCode);
        var victim = Guid.Parse(due[0]!["grantId"]!.GetValue<string>());
        await SetAccountAsync(victim, "12345678901");
        try
        {
            var refused = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={ValidAccount}");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var title = (await ReadAsync(refused))["title"]!.GetValue<string>();
            Assert.Contains(due[0]!["caseReference"]!.GetValue<string>(), title, StringComparison.Ordinal);
            Assert.Contains("ikke laget", title, StringComparison.Ordinal);
        }
        finally
        {
            await SetAccountAsync(victim, ValidAccount);
        }
    }

    [Fact]
    public async Task An_account_in_a_decision_that_is_not_the_submitted_one_stops_the_export_and_names_the_applicant()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var alesund = await GrantAsync(Alesund);
        var victim = Guid.Parse(alesund["grantId"]!.GetValue<string>());
        int Exports(AppDbContext db) => db.AuditEntries.Count(e => e.Action == "payment.file-exported");
        int before;
        await using (var scope = Factory.CreateScope())
        {
            before = Exports(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
        // A valid account (MOD11 passes), but not the one Ålesund gave: a decision row altered after approval.
        await SetAccountAsync(victim, "86011117947");
        try
        {
            foreach (var file in new[] { "payments.csv", "pain001.xml" })
            {
                var refused = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/{file}?payerAccount={ValidAccount}");
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                var problem = await ReadAsync(refused);
                var title = problem["title"]!.GetValue<string>();
                Assert.Contains("ikke er det søkeren oppga i den innsendte søknaden", title, StringComparison.Ordinal);
                Assert.Contains(alesund["caseReference"]!.GetValue<string>(), title, StringComparison.Ordinal);
                Assert.Contains("Ålesund", title, StringComparison.Ordinal);
                Assert.DoesNotContain("Ørsta", title, StringComparison.Ordinal);
            }
            await using var scope = Factory.CreateScope();
            Assert.Equal(before, Exports(scope.ServiceProvider.GetRequiredService<AppDbContext>()));
        }
        finally
        {
            await SetAccountAsync(victim, ValidAccount);
        }
        var made = await officer.GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={ValidAccount}");
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        await using (var scope = Factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(before + 1, Exports(db));
            var entry = await db.AuditEntries.Where(e => e.Action == "payment.file-exported").OrderByDescending(e => e.Sequence).FirstAsync();
            Assert.Equal(Officer, entry.ActorEmail);
            Assert.Equal(Embete, entry.EmbeteId);
            var after = JsonNode.Parse(entry.After!)!;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await made.Content.ReadAsByteArrayAsync())), after["sha256"]!.GetValue<string>());
            Assert.Contains(after["payments"]!.AsArray(), p => p!["caseReference"]!.GetValue<string>() == alesund["caseReference"]!.GetValue<string>()
                && p["accountNumber"]!.GetValue<string>() == ValidAccount);
        }
    }

    [Fact]
    public async Task The_decision_is_audited_with_the_account_the_money_goes_to()
    {
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "decision.made" && e.EntityId == fixture.Applications[Orsta]);
        Assert.Equal(ValidAccount, JsonNode.Parse(entry.After!)!["accountNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Marking_a_grant_paid_is_audited_once_and_refused_for_a_refusal()
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var grant = await GrantAsync(Orsta);
        var id = grant["grantId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/grants/{id}/paid", new { })).StatusCode);
        var paid = await Factory.MarkPaidAsync(officer, Embete, id, "2027-06-15");
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("2027-06-15", (await ReadAsync(paid))["paidOn"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/grants/{id}/paid", new { paidOn = "2027-06-16" })).StatusCode);
        var refusal = (await GrantAsync(Hareid))["grantId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/grants/{refusal}/paid", new { paidOn = "2027-06-15" })).StatusCode);
        Assert.Equal("2027-06-15", (await GrantAsync(Orsta))["paidOn"]!.GetValue<string>());

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "payment.proposed" && e.EntityId == id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "payment.marked-paid" && e.EntityId == id));
    }

    [Fact]
    public async Task A_proposed_payment_is_not_paid_until_another_leader_confirms_it()
    {
        // The leader proposes Ålesund paid; until someone else confirms it, it is not paid and stays in the payment list.
        var leader = await Factory.CreateApiClientAsync(Approver);
        var id = (await GrantAsync(Alesund))["grantId"]!.GetValue<string>();
        var proposed = await leader.PostAsJsonAsync($"/api/v1/grants/{id}/paid", new { paidOn = "2027-06-18" });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var proposalId = (await ReadAsync(proposed))["proposalId"]!.GetValue<string>();
        var waiting = await GrantAsync(Alesund);
        Assert.Null(waiting["paidOn"]);
        Assert.Equal("2027-06-18", waiting["pendingPayment"]!["paidOn"]!.GetValue<string>());
        Assert.False(waiting["pendingPayment"]!["proposedByYou"]!.GetValue<bool>()); // GrantAsync asks as the officer
        var list = await (await Factory.CreateApiClientAsync(Officer)).GetAsync($"/api/v1/allocations/{OpenYear}/payments.csv?payerAccount={ValidAccount}");
        Assert.Contains(waiting["caseReference"]!.GetValue<string>(), await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var own = await leader.PostAsJsonAsync($"/api/v1/grants/{id}/paid/confirm", new { proposalId });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Contains("kan ikke bekrefte ditt eget forslag", (await ReadAsync(own))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.CreateApiClientAsync(Officer)).PostAsJsonAsync($"/api/v1/grants/{id}/paid/confirm", new { proposalId })).StatusCode);
        Assert.Null((await GrantAsync(Alesund))["paidOn"]);

        // The proposer withdraws it; a withdrawn proposal is not confirmed afterwards, and nothing was paid.
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/grants/{id}/paid/cancel", new { proposalId })).StatusCode);
        var closed = await (await Factory.CreateApiClientAsync(ConflictedLeader)).PostAsJsonAsync($"/api/v1/grants/{id}/paid/confirm", new { proposalId });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Null((await GrantAsync(Alesund))["paidOn"]);
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.GrantPayments.AnyAsync(p => p.GrantDecisionId == Guid.Parse(id)));
    }

    [Fact]
    public async Task The_embete_edits_its_own_template_texts_and_the_next_letter_uses_them()
    {
        var browser = await Factory.CreateSignedInBrowserClientAsync(Officer);
        var letters = await (await browser.GetAsync(new Uri($"/saksbehandling/brev/{OpenYear}", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("3 av 3 vedtak har brev", letters, StringComparison.Ordinal);
        Assert.Contains("Ørsta", letters, StringComparison.Ordinal);
        await PageLinks.AssertAllAnswerAsync(browser, letters, $"/api/v1/allocations/{OpenYear}/archive.zip");
        Assert.Contains(PageLinks.Of(letters), l => Regex.IsMatch(l, @"^/api/v1/grants/[0-9a-f-]{36}/letter\.pdf\?version=1$"));

        var path = $"/saksbehandling/brevmal/{OpenYear}";
        var page = await (await browser.GetAsync(new Uri(path, UriKind.Relative))).ReadTextAsync();
        Assert.Contains("forvaltningsloven § 28", page, StringComparison.Ordinal);
        var version = Regex.Match(page, "name=\"StoredVersion\" value=\"(\\d+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["StoredVersion"] = version,
            ["Greeting"] = "Hilsen fra Molde til {mottaker} og {ukjent}.",
            ["Contact"] = "Ring oss.",
            ["Closing"] = "Med vennlig hilsen\n{embete}",
        };
        var refused = await browser.SubmitFormAsync(path, fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("{ukjent}", await refused.ReadTextAsync(), StringComparison.Ordinal);

        fields["Greeting"] = "Hilsen fra Molde til {mottaker}.";
        var saved = await browser.SubmitFormAsync(path, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var officer = await Factory.CreateApiClientAsync(Officer);
        var id = (await GrantAsync(Hareid))["grantId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Factory.CorrectLetterAsync(officer, Embete, id, "Ny hilsen.")).StatusCode);
        var text = PdfText.Lines(await officer.GetByteArrayAsync($"/api/v1/grants/{id}/letter.pdf"));
        Assert.Contains("Hilsen fra Molde til", text, StringComparison.Ordinal);
    }

    private async Task<JsonObject> GrantAsync(string municipality)
    {
        var officer = await Factory.CreateApiClientAsync(Officer);
        var list = await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}/letters"));
        return list["grants"]!.AsArray().Single(g => g!["applicationId"]!.GetValue<string>() == fixture.Applications[municipality])!.AsObject();
    }

    private async Task SetAccountAsync(Guid decisionId, string account)
    {
        // Decisions are immutable in the app; this stands in for an account typed wrong before MOD11 was checked.
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.GrantDecisions.Where(d => d.Id == decisionId).ExecuteUpdateAsync(s => s.SetProperty(d => d.AccountNumber, account));
    }
}
