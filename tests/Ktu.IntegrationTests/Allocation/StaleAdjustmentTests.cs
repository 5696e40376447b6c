using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Allocation;

/// <summary>
/// Issue 16: an adjustment is tied to the submission it was made on. When the applicant withdraws and sends the
/// application again, the officer's adjustment of the earlier submission no longer applies: the line's final amount
/// is the proposal again, and the approver sees no adjustment.
/// </summary>
public sealed class StaleAdjustmentTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private const string Embete = "nordland";
    private const string Officer = "saksbehandler.nordland@demo.ktu";
    private const string Bodo = "1804";
    private const string Line = "kompetanse-1-nye";

    [Fact]
    public async Task An_adjustment_made_before_the_application_was_withdrawn_and_sent_again_no_longer_applies()
    {
        var applicant = await factory.ApplicantAsync(Bodo);
        var draft = await SaveAsync(applicant, Complete(await StartAsync(applicant)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(applicant, Id(draft))).StatusCode);
        var id = Id(draft);
        var officer = await factory.AssignAndDeclareAsync(id, Officer);
        await AssessAsync(officer, id);

        // The officer lowers one line of the first submission, with a reason for the letter.
        var proposed = LineOf(await ReadAsync(await officer.GetAsync($"/api/v1/allocations/{OpenYear}")), id);
        var amountProposed = proposed["amountProposed"]!.GetValue<long>();
        Assert.True(amountProposed > 10_000, $"The line's proposal is {amountProposed}.");
        var adjustedTo = amountProposed - 10_000;
        var adjusted = await officer.PutAsJsonAsync($"/api/v1/allocations/{OpenYear}", new
        {
            adjustments = new[] { new { lineKey = proposed["key"]!.GetValue<string>(), amount = adjustedTo, reason = "Færre plasser enn oppgitt." } },
        });
        Assert.True(adjusted.StatusCode == HttpStatusCode.OK, await adjusted.Content.ReadAsStringAsync());
        var before = LineOf(await ReadAsync(adjusted), id);
        Assert.Equal(adjustedTo, before["amountFinal"]!.GetValue<long>());
        Assert.Equal(adjustedTo, before["adjustedAmount"]!.GetValue<long>());

        // The applicant withdraws and sends it again; the officer assesses the new submission as before.
        var withdrawn = await ReadAsync(await applicant.PostAsync($"/api/v1/applications/{id}/withdraw", null));
        Assert.Equal("withdrawn", withdrawn["status"]!.GetValue<string>());
        withdrawn["description"] = "Sendt på nytt med samme tiltak.";
        var edited = await SaveAsync(applicant, withdrawn);
        var resubmitted = await SubmitAsync(applicant, id, Version(edited));
        Assert.True(resubmitted.StatusCode == HttpStatusCode.OK, await resubmitted.Content.ReadAsStringAsync());
        await AssessAsync(officer, id);

        // The earlier adjustment is stale: the proposal stands, for the officer and for the approver alike.
        foreach (var who in new[] { officer, await factory.CreateApiClientAsync($"leder.{Embete}@demo.ktu") })
        {
            var after = LineOf(await ReadAsync(await who.GetAsync($"/api/v1/allocations/{OpenYear}")), id);
            Assert.Equal(after["amountProposed"]!.GetValue<long>(), after["amountFinal"]!.GetValue<long>());
            Assert.Equal(amountProposed, after["amountFinal"]!.GetValue<long>());
            Assert.Null(after["adjustedAmount"]);
            Assert.Null(after["adjustmentReason"]);
            Assert.Null(after["adjustedBy"]);
        }
    }

    private static async Task AssessAsync(HttpClient officer, string id)
    {
        var lines = new[] { "kompetanse-1-videreforing", Line, "bpa-1", "prosjekt-1" }.Select(l => new { lineId = l, score = 4 }).ToArray();
        var assessed = await officer.PutAsJsonAsync($"/api/v1/cases/{id}/assessment", new { lines, completed = true });
        Assert.True(assessed.StatusCode == HttpStatusCode.OK, await assessed.Content.ReadAsStringAsync());
    }

    private static JsonNode LineOf(JsonObject round, string applicationId) =>
        round["lines"]!.AsArray().Single(l => l!["applicationId"]!.GetValue<string>() == applicationId && l["lineId"]!.GetValue<string>() == Line)!;
}
