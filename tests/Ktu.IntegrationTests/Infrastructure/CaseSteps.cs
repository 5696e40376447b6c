using System.Net;
using System.Net.Http.Json;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>
/// Steps of case handling that many tests need before their own story starts (issue 16): a case is given to an
/// officer by the embete's leader, and an allocation is approved only once the application deadline has passed.
/// </summary>
internal static class CaseSteps
{
    /// <summary>
    /// The embete's leader (leder.{embete}) assigns the case to <paramref name="officerEmail"/>, whose embete is the part
    /// after the first dot; then the officer declares no conflict, and a client logged in as the officer is returned.
    /// </summary>
    public static async Task<HttpClient> AssignAndDeclareAsync(this KtuFactory factory, string applicationId, string officerEmail, HttpClient? officer = null)
    {
        await factory.AssignAsync(applicationId, officerEmail);
        officer ??= await factory.CreateApiClientAsync(officerEmail);
        var declared = await officer.PostAsJsonAsync($"/api/v1/cases/{applicationId}/impartiality", new { conflict = false });
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        return officer;
    }

    /// <summary>The embete's leader assigns the case to <paramref name="officerEmail"/>.</summary>
    public static async Task AssignAsync(this KtuFactory factory, string applicationId, string officerEmail, string? leaderEmail = null)
    {
        var embete = officerEmail[(officerEmail.IndexOf('.', StringComparison.Ordinal) + 1)..officerEmail.IndexOf('@', StringComparison.Ordinal)];
        string officerId;
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            officerId = (await users.FindByEmailAsync(officerEmail))!.Id;
        }
        using var leader = await factory.CreateApiClientAsync(leaderEmail ?? $"leder.{embete}@demo.ktu");
        var assigned = await leader.PostAsJsonAsync($"/api/v1/cases/{applicationId}/assignment", new { officerId });
        Assert.True(assigned.StatusCode == HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Sets the embete's own application deadline for the year to a minute ago, so its allocation may be approved
    /// (no application can come in after it). Set directly: the leader's page refuses a deadline in the past.
    /// </summary>
    public static Task PassApplicationDeadlineAsync(this KtuFactory factory, string embeteId, int year) =>
        Ktu.TestSupport.ApplicationDeadline.PassAsync(factory.Services, embeteId, year, factory.Time.GetUtcNow());

    /// <summary>
    /// After approval, two people (issue 16): <paramref name="proposer"/> proposes the grant paid on <paramref name="paidOn"/>,
    /// and the embete's leader (or <paramref name="confirmerEmail"/>) confirms it. Returns the confirmation's answer.
    /// </summary>
    public static async Task<HttpResponseMessage> MarkPaidAsync(this KtuFactory factory, HttpClient proposer, string embeteId, object grantId, string paidOn, string? confirmerEmail = null)
    {
        var proposed = await proposer.PostAsJsonAsync($"/api/v1/grants/{grantId}/paid", new { paidOn });
        Assert.True(proposed.StatusCode == HttpStatusCode.Accepted, await proposed.Content.ReadAsStringAsync());
        var proposalId = (await proposed.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["proposalId"]!.GetValue<string>();
        using var confirmer = await factory.CreateApiClientAsync(confirmerEmail ?? $"leder.{embeteId}@demo.ktu");
        return await confirmer.PostAsJsonAsync($"/api/v1/grants/{grantId}/paid/confirm", new { proposalId });
    }

    /// <summary>
    /// <paramref name="proposer"/> proposes a corrected letter with <paramref name="reason"/>, and the embete's leader (or
    /// <paramref name="confirmerEmail"/>) confirms it, which makes the letter. Returns the confirmation's answer.
    /// </summary>
    public static async Task<HttpResponseMessage> CorrectLetterAsync(this KtuFactory factory, HttpClient proposer, string embeteId, object grantId, string reason, string? confirmerEmail = null)
    {
        var proposed = await proposer.PostAsJsonAsync($"/api/v1/grants/{grantId}/letters", new { reason });
        Assert.True(proposed.StatusCode == HttpStatusCode.Accepted, await proposed.Content.ReadAsStringAsync());
        var proposalId = (await proposed.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["proposalId"]!.GetValue<string>();
        using var confirmer = await factory.CreateApiClientAsync(confirmerEmail ?? $"leder.{embeteId}@demo.ktu");
        return await confirmer.PostAsJsonAsync($"/api/v1/grants/{grantId}/letters/confirm", new { proposalId });
    }
}
