using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.TestSupport;
using Ktu.Web.Documents;
using Ktu.Web.Domain.Applications;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>The PDF copy of a submission: read back with PdfPig, as an archive or a reader would. One municipality per test.</summary>
public sealed class ApplicationPdfTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task The_pdf_of_a_submission_shows_sender_receiver_reference_checksum_and_totals()
    {
        var api = await factory.ApplicantAsync("5001");
        var draft = Complete(await StartAsync(api));
        draft["description"] = "Vi vil <script>alert('x')</script> styrke hjemmetjenesten 😀 i Trøndelag.";
        draft = await SaveAsync(api, draft);
        var receipt = await ReadAsync(await SubmitAsync(api, Id(draft), Version(draft)));

        var response = await api.GetAsync($"/api/v1/applications/{Id(draft)}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{receipt["reference"]!.GetValue<string>()}-1.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = PdfText.Lines(bytes);
        Assert.Contains("Søknad om kompetanse- og tjenesteutviklingstilskudd 2027", text, StringComparison.Ordinal);
        Assert.Contains(receipt["reference"]!.GetValue<string>(), text, StringComparison.Ordinal);
        Assert.Contains(receipt["sha256"]!.GetValue<string>(), text, StringComparison.Ordinal);
        Assert.Contains("Trondheim kommune (org.nr. 942110464)", text, StringComparison.Ordinal);
        Assert.Contains("Statsforvalteren i Trøndelag", text, StringComparison.Ordinal);
        Assert.Contains("23. november 2026 kl. 10:00", text, StringComparison.Ordinal); // 09:00 UTC in Norway
        Assert.Contains("1234.56.78903", text, StringComparison.Ordinal);
        Assert.Contains("Kari Kontakt", text, StringComparison.Ordinal);
        Assert.Contains("Kompetansetiltak 1: Videreutdanning og mastergradsutdanning", text, StringComparison.Ordinal);
        Assert.Contains("Videreutdanning i palliativ omsorg", text, StringComparison.Ordinal);
        Assert.Contains("Arbeidsledere (brukere)", text, StringComparison.Ordinal);
        Assert.Contains("Tiltak 1: Velferdsteknologi i hjemmetjenesten", text, StringComparison.Ordinal);
        Assert.Contains("Prosjektleder 20 %", text, StringComparison.Ordinal);
        Assert.Contains("Hjemmeboende med demens og deres pårørende.", text, StringComparison.Ordinal);
        Assert.Contains("kr 90 000", text, StringComparison.Ordinal);
        Assert.Contains("kr 20 000", text, StringComparison.Ordinal);
        Assert.Contains("kr 150 000", text, StringComparison.Ordinal);
        Assert.Contains("kr 260 000", text, StringComparison.Ordinal);
        Assert.Contains("Side 1 av", text, StringComparison.Ordinal);
        // Typed HTML prints as the characters typed; a letter the font lacks becomes "?" instead of failing.
        Assert.Contains("<script>alert('x')</script>", text, StringComparison.Ordinal);
        Assert.Contains("hjemmetjenesten ? i Trøndelag", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_is_pdf_a_with_the_font_embedded_and_metadata_set()
    {
        var api = await factory.ApplicantAsync("5006");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        await SubmitAsync(api, Id(draft), Version(draft));

        var bytes = await api.GetByteArrayAsync($"/api/v1/applications/{Id(draft)}/pdf");

        var raw = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", raw, StringComparison.Ordinal);
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("pdfaid:part", raw, StringComparison.Ordinal);
        Assert.Contains("/OutputIntents", raw, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.TryGetXmpMetadata(out var xmp));
        // The packet is UTF-8 (ISO 16684-1); PdfPig's GetXDocument reads it as Latin-1, so decode it here.
        var metadata = XDocument.Parse(Encoding.UTF8.GetString(xmp.GetXmlBytes().ToArray()).TrimStart('\uFEFF'));
        XNamespace dc = "http://purl.org/dc/elements/1.1/", xmpBasic = "http://ns.adobe.com/xap/1.0/", pdfaid = "http://www.aiim.org/pdfa/ns/id/";
        Assert.Equal("Søknad om kompetanse- og tjenesteutviklingstilskudd 2027", metadata.Descendants(dc + "title").Single().Value);
        Assert.Equal("Steinkjer kommune", metadata.Descendants(dc + "creator").Single().Value);
        Assert.Equal("2026-11-23T10:00:00+01:00", metadata.Descendants(xmpBasic + "CreateDate").Single().Value);
        Assert.Equal("2", metadata.Descendants(pdfaid + "part").Single().Value);
        Assert.Equal("B", metadata.Descendants(pdfaid + "conformance").Single().Value);
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Contains("DejaVuSans", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pdf_shows_the_submitted_copy_not_the_draft_edited_after_a_withdrawal()
    {
        var api = await factory.ApplicantAsync("5007");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        await SubmitAsync(api, Id(draft), Version(draft));
        var withdrawn = await ReadAsync(await api.PostAsync($"/api/v1/applications/{Id(draft)}/withdraw", null));
        withdrawn["description"] = "Endret etter innsending";
        await SaveAsync(api, withdrawn);

        var latest = PdfText.Lines(await api.GetByteArrayAsync($"/api/v1/applications/{Id(draft)}/pdf"));
        var first = PdfText.Lines(await api.GetByteArrayAsync($"/api/v1/applications/{Id(draft)}/pdf?submission=1"));

        Assert.Equal(latest, first);
        Assert.DoesNotContain("Endret etter innsending", latest, StringComparison.Ordinal);
        Assert.Contains("Videreutdanning for ansatte i hjemmetjenesten", latest, StringComparison.Ordinal);
        Assert.Contains("trukket tilbake", latest, StringComparison.Ordinal);
        var missing = await api.GetAsync($"/api/v1/applications/{Id(draft)}/pdf?submission=2");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_draft_has_no_pdf_yet()
    {
        var api = await factory.ApplicantAsync("5014");
        var draft = await StartAsync(api);

        var response = await api.GetAsync($"/api/v1/applications/{Id(draft)}/pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Søknaden er ikke sendt inn ennå.", (await ReadAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_municipality_and_another_embete_get_404_while_the_receiving_embete_may_read_it()
    {
        var api = await factory.ApplicantAsync("5020");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        await SubmitAsync(api, Id(draft), Version(draft));
        var url = $"/api/v1/applications/{Id(draft)}/pdf";

        var neighbour = await factory.ApplicantAsync("5021");
        var otherEmbete = await factory.CreateApiClientAsync("saksbehandler.nordland@demo.ktu");
        var receiving = await factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var anonymous = factory.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherEmbete.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        var staff = await receiving.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains("Osen kommune", PdfText.Lines(await staff.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        var page = await neighbour.GetAsync($"/soknad/{Id(draft)}/kvittering/1/pdf");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_receipt_page_address_gives_the_same_pdf_and_redirects_to_login_when_signed_out()
    {
        var api = await factory.ApplicantAsync("5022");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        await SubmitAsync(api, Id(draft), Version(draft));

        var response = await api.GetAsync($"/soknad/{Id(draft)}/kvittering/1/pdf");
        var signedOut = await factory.CreateBrowserClient().GetAsync($"/soknad/{Id(draft)}/kvittering/1/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Rennebu kommune", PdfText.Lines(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/logg-inn", signedOut.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_texts_wrap_over_several_pages_with_page_numbers()
    {
        var api = await factory.ApplicantAsync("5025");
        var draft = Complete(await StartAsync(api));
        var words = string.Join(' ', Enumerable.Range(1, 2_400).Select(i => $"ord{i}")); // about 18 000 characters
        draft["description"] = words + " SLUTT";
        var project = draft["projects"]![0]!.AsObject();
        project["description"] = words;
        project["criteria"]!["needsAndChallenges"] = words;
        project["criteria"]!["expectedGains"] = new string('x', 19_000); // one word wider than the page
        project["controlMeasures"] = words;
        draft = await SaveAsync(api, draft);
        await SubmitAsync(api, Id(draft), Version(draft));

        var bytes = await api.GetByteArrayAsync($"/api/v1/applications/{Id(draft)}/pdf");

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 10, $"{pdf.NumberOfPages} pages");
        var text = PdfText.Lines(bytes);
        Assert.Contains("SLUTT", text, StringComparison.Ordinal);
        Assert.Contains($"Side {pdf.NumberOfPages} av {pdf.NumberOfPages}", text, StringComparison.Ordinal);
        Assert.All(pdf.GetPages(), page => Assert.All(page.Letters, l =>
        {
            Assert.InRange(l.Location.X, 50, 545);
            Assert.InRange(l.Location.Y, 40, 800);
        }));
    }

    [Fact]
    public void The_renderer_takes_a_100_000_character_description_and_a_word_as_long()
    {
        var renderer = factory.Services.GetRequiredService<IApplicationPdf>();
        var prose = string.Concat(Enumerable.Repeat("Lang tekst om æøå og <b>fet</b> skrift. ", 2_500)); // 100 000 characters
        var snapshot = Snapshot(new ApplicationContent { Description = prose + "\n\n" + new string('y', 100_000) + "\nSLUTT" });

        var bytes = renderer.Render(Model(snapshot));

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 30, $"{pdf.NumberOfPages} pages");
        var text = PdfText.Lines(bytes);
        Assert.Contains("SLUTT", text, StringComparison.Ordinal);
        var cut = text.Split('\n').Where(l => l.Length > 0 && l.All(c => c == 'y')).ToList();
        Assert.True(cut.Count > 100, $"{cut.Count} lines");
        Assert.Equal(100_000, cut.Sum(l => l.Length));
        Assert.Contains("æøå og <b>fet</b> skrift.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sami_greek_and_cyrillic_letters_print_and_read_back()
    {
        var renderer = factory.Services.GetRequiredService<IApplicationPdf>();
        const string text = "Porsáŋgu čđŧ Kárášjohka Guovdageaidnu Ωμέγα Привет „sitat“ – ½ €";
        var snapshot = Snapshot(new ApplicationContent { Description = text });

        var bytes = renderer.Render(Model(snapshot));

        Assert.Contains(text, PdfText.Lines(bytes), StringComparison.Ordinal);
    }

    private static ApplicationSnapshot Snapshot(ApplicationContent content) => new()
    {
        Reference = "KTU-2027-TRO-9999",
        Number = 1,
        ApplicationId = Guid.NewGuid(),
        ApplicationVersion = 1,
        SchemeYear = 2027,
        SubmittedAt = KtuFactory.Start,
        SubmittedBy = "Test",
        Organisation = new("942110464", "Trondheim"),
        ReceivingEmbete = new("trondelag", "Statsforvalteren i Trøndelag"),
        Application = content,
        Summary = ApplicationSummary.From(content),
        Issues = [],
    };

    private static ApplicationPdfModel Model(ApplicationSnapshot snapshot) => new(snapshot, new string('a', 64),
        "Kompetanse- og tjenesteutviklingstilskudd", "Trondheim kommune",
        new Dictionary<string, string>(), new Dictionary<string, string>(), Withdrawn: false);
}
