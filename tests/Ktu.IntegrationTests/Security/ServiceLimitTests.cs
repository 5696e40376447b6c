using System.Net;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Documents;
using Ktu.Web.Domain.Applications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Security;

/// <summary>
/// One applicant cannot exhaust the service: PDF downloads and submit/withdraw cycles are limited per person (429 with a
/// Norwegian ProblemDetails, others unaffected), a submission's PDF is rendered once and then served from memory, and an
/// application's texts together are bounded.
/// </summary>
public sealed class ServiceLimitTests : IAsyncLifetime
{
    private readonly List<KtuFactory> _apps = [];

    private KtuFactory App(Action<KtuFactory>? configure = null)
    {
        var factory = new KtuFactory();
        configure?.Invoke(factory);
        _apps.Add(factory);
        return factory;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static async Task<string> SubmittedAsync(HttpClient api)
    {
        var saved = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(saved), Version(saved))).StatusCode);
        return Id(saved);
    }

    [Fact]
    public async Task PDF_downloads_are_limited_per_person_with_a_clear_answer()
    {
        var app = App(f => f.Settings["Security:DocumentDownloadsPerMinute"] = "3");
        var verdal = await app.ApplicantAsync("5038");
        var id = await SubmittedAsync(verdal);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await verdal.GetAsync($"/api/v1/applications/{id}/pdf")).StatusCode);
        }
        var refused = await verdal.GetAsync($"/api/v1/applications/{id}/pdf");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Du har lastet ned mange dokumenter på kort tid. Vent ett minutt og prøv igjen.", (await ReadAsync(refused))["title"]!.GetValue<string>());

        // The embete's case officer reading the same PDF has a limit of their own.
        var officer = await app.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/applications/{id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Submit_and_withdraw_cycles_are_limited_per_person_and_the_refused_one_changes_nothing()
    {
        var app = App(f => f.Settings["Security:SubmitsPerHour"] = "3");
        var levanger = await app.ApplicantAsync("5037");
        var id = await SubmittedAsync(levanger);
        Assert.Equal(HttpStatusCode.OK, (await levanger.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        var withdrawn = await GetAsync(levanger, id);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(levanger, id, Version(withdrawn))).StatusCode);

        var refused = await levanger.PostAsync($"/api/v1/applications/{id}/withdraw", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Du har sendt inn eller trukket søknader mange ganger den siste timen. Vent litt og prøv igjen.", (await ReadAsync(refused))["title"]!.GetValue<string>());
        Assert.Equal("submitted", (await GetAsync(levanger, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_submissions_PDF_is_rendered_once_and_again_only_when_it_becomes_withdrawn()
    {
        var counting = new CountingPdf();
        var app = App(f => f.TestServices = services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IApplicationPdf));
            services.RemoveAll<IApplicationPdf>();
            services.AddSingleton<IApplicationPdf>(sp =>
            {
                counting.Inner = (IApplicationPdf)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!);
                return counting;
            });
        });
        var stjordal = await app.ApplicantAsync("5035");
        var id = await SubmittedAsync(stjordal);
        var first = await stjordal.GetByteArrayAsync($"/api/v1/applications/{id}/pdf");
        var second = await stjordal.GetByteArrayAsync($"/api/v1/applications/{id}/pdf?submission=1");
        Assert.Equal(first, second);
        Assert.Equal(1, counting.Renders);

        Assert.Equal(HttpStatusCode.OK, (await stjordal.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        var marked = await stjordal.GetByteArrayAsync($"/api/v1/applications/{id}/pdf?submission=1");
        Assert.NotEqual(first, marked);
        Assert.Equal(2, counting.Renders);
    }

    [Fact]
    public async Task An_application_whose_texts_together_are_too_long_is_refused_and_nothing_is_saved()
    {
        var app = App();
        var malvik = await app.ApplicantAsync("5031");
        var draft = Complete(await StartAsync(malvik));
        var startedVersion = Version(draft);
        var projects = new JsonArray();
        for (var p = 1; p <= 9; p++)
        {
            var project = Project(p);
            project["description"] = new string('x', 19_000);
            projects.Add(project);
        }
        draft["projects"] = projects;
        var refused = await PutAsync(malvik, draft);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await ReadAsync(refused))["errors"]![""]![0]!.GetValue<string>();
        Assert.StartsWith("Søknaden har for mye tekst til sammen:", message, StringComparison.Ordinal);
        Assert.Equal(startedVersion, Version(await GetAsync(malvik, Id(draft))));
    }

    private sealed class CountingPdf : IApplicationPdf
    {
        public IApplicationPdf Inner { get; set; } = null!;
        public int Renders { get; private set; }

        public byte[] Render(ApplicationPdfModel model)
        {
            Renders++;
            return Inner.Render(model);
        }
    }
}
