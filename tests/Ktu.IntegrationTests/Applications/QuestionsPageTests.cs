using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>
/// The applicant's question page over HTTP, as a browser uses it, on a database of its own in Troms og Finnmark:
/// the officer asks through the API, the applicant reads and answers on /soknad/{id}/sporsmal.
/// </summary>
public sealed class QuestionsPageTests(QuestionsPageTests.Fixture fixture) : IClassFixture<QuestionsPageTests.Fixture>
{
    public const string Officer = "saksbehandler.troms-og-finnmark@demo.ktu";

    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();

        public Task InitializeAsync() => ((IAsyncLifetime)Factory).InitializeAsync();

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_applicant_answers_an_open_question_and_sees_the_answer()
    {
        var id = await SubmitNewAsync(Factory, "5501");
        await AskAsync(Factory, Officer, id, "Hvor mange av de tre er sykepleiere?");
        var browser = await Factory.CreateSignedInBrowserClientAsync("soker.5501@demo.ktu");

        // The start page and the summary point to the question.
        var home = await (await browser.GetAsync(new Uri("/", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Statsforvalteren har spurt om flere opplysninger", home, StringComparison.Ordinal);
        Assert.Contains($"/soknad/{id}/sporsmal", home, StringComparison.OrdinalIgnoreCase);
        var summary = await (await browser.GetAsync(new Uri($"/soknad/{id}/oppsummering", UriKind.Relative))).ReadTextAsync();
        Assert.Contains("Statsforvalteren har spurt om flere opplysninger", summary, StringComparison.Ordinal);

        var page = await browser.GetAsync(new Uri($"/soknad/{id}/sporsmal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.ReadTextAsync();
        Assert.Contains("<h1 class=\"ds-heading\" data-size=\"lg\">Spørsmål fra Statsforvalteren</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Hvor mange av de tre er sykepleiere?", html, StringComparison.Ordinal);
        Assert.Contains("Saksbehandler hos Statsforvalteren i Troms og Finnmark", html, StringComparison.Ordinal);
        Assert.Contains("Venter på svar", html, StringComparison.Ordinal);
        var questionId = await QuestionIdAsync(Factory, id);
        Assert.Contains($"<label class=\"ds-label\" for=\"answer-{questionId}\">", html, StringComparison.OrdinalIgnoreCase);

        var sent = await browser.SubmitFormAsync($"/soknad/{id}/sporsmal", new Dictionary<string, string>
        {
            ["QuestionId"] = questionId,
            ["Answer"] = "To av dem. <b>Den tredje</b> er vernepleier.",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/soknad/{id}/sporsmal", sent.RedirectPath(), ignoreCase: true);

        var after = await browser.GetAsync(new Uri($"/soknad/{id}/sporsmal", UriKind.Relative));
        var raw = await after.Content.ReadAsStringAsync();
        var text = await after.ReadTextAsync();
        Assert.Contains("Svaret er sendt", text, StringComparison.Ordinal);
        Assert.Contains("To av dem. <b>Den tredje</b> er vernepleier.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Den tredje</b>", raw, StringComparison.Ordinal); // escaped, never raw HTML
        Assert.Contains("Besvart", text, StringComparison.Ordinal);
        Assert.Contains("Søker i Tromsø kommune", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<textarea", text, StringComparison.Ordinal);

        // The message shows once; the notice on the start page is gone, the link to the questions stays.
        var again = await (await browser.GetAsync(new Uri($"/soknad/{id}/sporsmal", UriKind.Relative))).ReadTextAsync();
        Assert.DoesNotContain("Svaret er sendt", again, StringComparison.Ordinal);
        var homeAfter = await (await browser.GetAsync(new Uri("/", UriKind.Relative))).ReadTextAsync();
        Assert.DoesNotContain("Statsforvalteren har spurt om flere opplysninger", homeAfter, StringComparison.Ordinal);
        Assert.Contains($"/soknad/{id}/sporsmal", homeAfter, StringComparison.OrdinalIgnoreCase);

        var officer = await Factory.CreateApiClientAsync(Officer);
        var caseView = await ReadAsync(await officer.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal("UnderAssessment", caseView["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_answer_is_refused_in_norwegian_and_the_page_is_kept()
    {
        var id = await SubmitNewAsync(Factory, "5503");
        await AskAsync(Factory, Officer, id, "Hvem leder prosjektet?");
        var questionId = await QuestionIdAsync(Factory, id);
        var browser = await Factory.CreateSignedInBrowserClientAsync("soker.5503@demo.ktu");

        var refused = await browser.SubmitFormAsync($"/soknad/{id}/sporsmal", new Dictionary<string, string>
        {
            ["QuestionId"] = questionId,
            ["Answer"] = "   ",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.ReadTextAsync();
        Assert.Contains("Du må rette dette før du går videre:", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"#answer-{questionId}\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Skriv svaret før du sender det.", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("Hvem leder prosjektet?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Svaret er sendt", html, StringComparison.Ordinal);

        var applicant = await Factory.ApplicantAsync("5503");
        var questions = await applicant.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/applications/{id}/questions");
        Assert.Null(questions![0]!["answer"]);
    }

    [Fact]
    public async Task Without_questions_or_a_decision_the_pages_say_so()
    {
        var id = await SubmitNewAsync(Factory, "5510");
        var browser = await Factory.CreateSignedInBrowserClientAsync("soker.5510@demo.ktu");

        var questions = await browser.GetAsync(new Uri($"/soknad/{id}/sporsmal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, questions.StatusCode);
        Assert.Contains("Statsforvalteren har ikke stilt spørsmål om denne søknaden.", await questions.ReadTextAsync(), StringComparison.Ordinal);

        var decision = await browser.GetAsync(new Uri($"/soknad/{id}/vedtak", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var text = await decision.ReadTextAsync();
        Assert.Contains("Statsforvalteren har ikke fattet vedtak ennå.", text, StringComparison.Ordinal);
        Assert.Contains("Søknaden er mottatt og venter på behandling.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_applicant_gets_not_found_on_both_pages()
    {
        var id = await SubmitNewAsync(Factory, "5512");
        await AskAsync(Factory, Officer, id, "Hemmelig spørsmål om Tjeldsund?");
        var questionId = await QuestionIdAsync(Factory, id);
        var stranger = await Factory.CreateSignedInBrowserClientAsync("soker.5514@demo.ktu");

        var questions = await stranger.GetAsync(new Uri($"/soknad/{id}/sporsmal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, questions.StatusCode);
        Assert.DoesNotContain("Hemmelig", await questions.ReadTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/soknad/{id}/vedtak", UriKind.Relative))).StatusCode);

        // Posting an answer with a valid token of the stranger's own session is not found either, and changes nothing.
        var home = await stranger.GetAsync(new Uri("/", UriKind.Relative));
        var token = Forms.AntiforgeryToken(await home.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = token,
            ["QuestionId"] = questionId,
            ["Answer"] = "Svar fra feil kommune.",
        });
        var posted = await stranger.PostAsync(new Uri($"/soknad/{id}/sporsmal", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        var owner = await Factory.ApplicantAsync("5512");
        var list = await owner.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/applications/{id}/questions");
        Assert.Null(list![0]!["answer"]);
    }

    internal static async Task<string> SubmitNewAsync(KtuFactory factory, string municipalityNumber)
    {
        var api = await factory.ApplicantAsync(municipalityNumber);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft))).StatusCode);
        return Id(draft);
    }

    internal static async Task<HttpClient> TakeAsync(KtuFactory factory, string email, string applicationId)
    {
        return await factory.AssignAndDeclareAsync(applicationId, email);
    }

    private static async Task AskAsync(KtuFactory factory, string officerEmail, string applicationId, string question)
    {
        var officer = await TakeAsync(factory, officerEmail, applicationId);
        var asked = await officer.PostAsJsonAsync($"/api/v1/cases/{applicationId}/questions", new { question });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
    }

    private static async Task<string> QuestionIdAsync(KtuFactory factory, string applicationId)
    {
        var officer = await factory.CreateApiClientAsync(Officer);
        var caseView = await ReadAsync(await officer.GetAsync($"/api/v1/cases/{applicationId}"));
        return caseView["questions"]![0]!["id"]!.GetValue<string>();
    }
}
