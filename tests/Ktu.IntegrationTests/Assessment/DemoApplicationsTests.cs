using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Assessment;

/// <summary>./run.sh seeds submitted applications so a new case officer finds a full inbox; a restart adds none twice.</summary>
public sealed class DemoApplicationsTests(DemoApplicationsTests.Fixture fixture) : IClassFixture<DemoApplicationsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public KtuFactory Factory { get; } = new();

        public Task InitializeAsync()
        {
            Factory.Settings["Demo:SampleApplications"] = "true";
            return Task.CompletedTask;
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private KtuFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_demo_inbox_has_ten_complete_submitted_applications_and_a_restart_adds_none()
    {
        var officer = await Factory.CreateApiClientAsync("saksbehandler.trondelag@demo.ktu");
        var inbox = await ReadAsync(await officer.GetAsync($"/api/v1/cases?year={OpenYear}"));
        Assert.Equal(10, inbox["total"]!.GetValue<int>());
        Assert.DoesNotContain(inbox["items"]!.AsArray(), i => i!["applicant"]!.GetValue<string>() == "Trondheim");
        // A case is given by the leader, never taken by declaring impartiality (issue 16): the demo's officer has eight
        // cases to try at once, and two wait for the leader to assign them.
        var items = inbox["items"]!.AsArray();
        Assert.Equal(8, items.Count(i => i!["assignedOfficer"]?.GetValue<string>() == "Saksbehandler hos Statsforvalteren i Trøndelag"));
        Assert.Equal(2, items.Count(i => i!["assignedOfficer"] is null));
        Assert.Equal(8, inbox["counts"]!["UnderAssessment"]!.GetValue<int>());
        Assert.Equal(2, inbox["counts"]!["Received"]!.GetValue<int>());
        var first = items.First(i => i!["assignedOfficer"] is not null)!["applicationId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/cases/{first}/impartiality", Json(new System.Text.Json.Nodes.JsonObject { ["conflict"] = false }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsync($"/api/v1/cases/{first}/assessment",
            Json(System.Text.Json.Nodes.JsonNode.Parse("""{"lines":[{"lineId":"prosjekt-1","score":4}]}""")!.AsObject()))).StatusCode);

        // The demo applicant of Trondheim can still start its own application.
        var trondheim = await Factory.ApplicantAsync("5001");
        Assert.Equal(HttpStatusCode.Created, (await trondheim.PostAsync("/api/v1/applications", Json(new System.Text.Json.Nodes.JsonObject { ["schemeYear"] = OpenYear }))).StatusCode);

        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await new Ktu.Web.Features.Applications.DemoApplications(Factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), Factory.Time).SeedAsync(db, CancellationToken.None);
        Assert.Equal(10, await db.ApplicationSubmissions.CountAsync(s => s.SchemeYear == OpenYear && s.EmbeteId == "trondelag"));
    }
}
