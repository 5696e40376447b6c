using System.Net;
using System.Net.Http.Json;
using Ktu.IntegrationTests.Infrastructure;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>Crossing the deadline moves this factory's clock, so it has a factory of its own and one test.</summary>
public sealed class DeadlineTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    /// <summary>17 March 2027 23:59:59 in Norway is 22:59:59 UTC.</summary>
    private static readonly DateTimeOffset JustAfterDeadline = new(2027, 3, 17, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task When_the_deadline_passes_while_the_page_is_open_typing_is_kept_but_nothing_can_be_sent()
    {
        var api = await factory.ApplicantAsync("5001");
        var open = await SaveAsync(api, Complete(await StartAsync(api)));
        var sent = await factory.ApplicantAsync("5006");
        var sentDraft = await SaveAsync(sent, Complete(await StartAsync(sent)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(sent, Id(sentDraft))).StatusCode);

        factory.Time.SetUtcNow(JustAfterDeadline);
        // Bearer tokens live an hour on the same clock: sign in again, as a user would.
        api = await factory.ApplicantAsync("5001");
        sent = await factory.ApplicantAsync("5006");

        open["description"] = "Skrevet rett før fristen";
        var saved = await SaveAsync(api, open);
        Assert.Equal("Skrevet rett før fristen", saved["description"]!.GetValue<string>());
        Assert.False(saved["open"]!.GetValue<bool>());
        Assert.True(HasIssue(saved, "", "deadline-passed"));

        var submit = await SubmitAsync(api, Id(open));
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        var problem = await ReadAsync(submit);
        Assert.Equal("deadline-passed", problem["code"]!.GetValue<string>());
        Assert.Contains("17. mars 2027", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(HasIssue(problem, "", "deadline-passed"));

        var withdraw = await sent.PostAsync($"/api/v1/applications/{Id(sentDraft)}/withdraw", null);
        Assert.Equal(HttpStatusCode.Conflict, withdraw.StatusCode);
        var stillSent = await GetAsync(sent, Id(sentDraft));
        Assert.Equal("submitted", stillSent["status"]!.GetValue<string>());
        Assert.False(HasIssue(stillSent, "", "deadline-passed"));

        var late = await factory.ApplicantAsync("5007");
        Assert.Equal(HttpStatusCode.Conflict, (await late.PostAsJsonAsync("/api/v1/applications", new { schemeYear = OpenYear })).StatusCode);
    }
}
