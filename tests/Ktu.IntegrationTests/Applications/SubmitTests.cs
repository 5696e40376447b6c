using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>Submission, receipts, idempotency, withdrawal and resubmission. One municipality per test.</summary>
public sealed class SubmitTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task Submit_is_refused_with_409_and_the_issues_while_errors_remain()
    {
        var api = await factory.ApplicantAsync("5032");
        var draft = await StartAsync(api);

        var response = await SubmitAsync(api, Id(draft));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await ReadAsync(response);
        Assert.Equal("application-has-errors", problem["code"]!.GetValue<string>());
        Assert.True(HasIssue(problem, "accountNumber", "account-number-missing"));
        Assert.Equal("draft", (await GetAsync(api, Id(draft)))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_complete_application_submits_with_a_receipt_whose_sha256_matches_the_stored_snapshot()
    {
        var api = await factory.ApplicantAsync("5033");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));

        var response = await SubmitAsync(api, Id(draft), Version(draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await ReadAsync(response);
        var reference = receipt["reference"]!.GetValue<string>();
        Assert.Matches(@"^KTU-2027-TRO-\d{4}$", reference);
        Assert.Equal(KtuFactory.Start, receipt["submittedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Tydal", receipt["sender"]!["name"]!.GetValue<string>());
        Assert.Equal("trondelag", receipt["receivingEmbete"]!["id"]!.GetValue<string>());
        var sha = receipt["sha256"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", sha);

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.ApplicationSubmissions.AsNoTracking().SingleAsync(s => s.Reference == reference);
        Assert.Equal(sha, Sha256(Encoding.UTF8.GetBytes(stored.Snapshot)));
        Assert.Contains("Videreutdanning i palliativ omsorg", stored.Snapshot, StringComparison.Ordinal);

        var bytes = await api.GetByteArrayAsync($"/api/v1/applications/{Id(draft)}/submissions/1/snapshot");
        Assert.Equal(sha, Sha256(bytes));

        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(reference)).ToListAsync();
        Assert.Contains(mails, m => m.To == "soker.5033@demo.ktu");
        Assert.Contains(mails, m => m.To == "kari.kontakt@example.org");
        Assert.All(mails, m => Assert.Null(m.SentAt));
        Assert.Contains(reference, mails[0].Body, StringComparison.Ordinal);
        Assert.Contains(sha, mails[0].Body, StringComparison.Ordinal);

        var document = await GetAsync(api, Id(draft));
        Assert.Equal("submitted", document["status"]!.GetValue<string>());
        Assert.Equal(reference, document["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submitting_twice_gives_one_submission_and_the_same_receipt()
    {
        var api = await factory.ApplicantAsync("5034");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));

        var first = await ReadAsync(await SubmitAsync(api, Id(draft), Version(draft)));
        var again = await SubmitAsync(api, Id(draft), Version(draft));
        var withoutVersion = await SubmitAsync(api, Id(draft));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.ToJsonString(), (await ReadAsync(again)).ToJsonString());
        Assert.Equal(first.ToJsonString(), (await ReadAsync(withoutVersion)).ToJsonString());
        Assert.Equal(1, await SubmissionCountAsync(Id(draft)));
    }

    [Fact]
    public async Task Simultaneous_submits_give_one_submission_and_the_same_receipt()
    {
        var one = await factory.ApplicantAsync("5035");
        var other = await factory.ApplicantAsync("5035");
        var draft = await SaveAsync(one, Complete(await StartAsync(one)));
        var id = Id(draft);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            SubmitAsync(i % 2 == 0 ? one : other, id, Version(draft))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(async r => (await ReadAsync(r)).ToJsonString()));
        Assert.Single(receipts.Distinct());
        Assert.Equal(1, await SubmissionCountAsync(id));
    }

    [Fact]
    public async Task Submissions_from_different_municipalities_get_their_own_running_numbers_per_embete()
    {
        var references = new List<string>();
        foreach (var number in new[] { "5036", "5037" })
        {
            var api = await factory.ApplicantAsync(number);
            var draft = await SaveAsync(api, Complete(await StartAsync(api)));
            references.Add((await ReadAsync(await SubmitAsync(api, Id(draft))))["reference"]!.GetValue<string>());
        }
        var oslo = await factory.ApplicantAsync("0301");
        var osloDraft = await SaveAsync(oslo, Complete(await StartAsync(oslo)));
        var osloReference = (await ReadAsync(await SubmitAsync(oslo, Id(osloDraft))))["reference"]!.GetValue<string>();

        Assert.Equal(2, references.Distinct().Count());
        Assert.All(references, r => Assert.StartsWith("KTU-2027-TRO-", r, StringComparison.Ordinal));
        Assert.Equal("KTU-2027-OBA-0001", osloReference);
    }

    [Fact]
    public async Task Municipalities_submitting_at_the_same_moment_get_distinct_reference_numbers()
    {
        var ready = new List<(HttpClient Api, string Id)>();
        foreach (var number in new[] { "5042", "5043", "5044", "5045" })
        {
            var api = await factory.ApplicantAsync(number);
            ready.Add((api, Id(await SaveAsync(api, Complete(await StartAsync(api))))));
        }

        var responses = await Task.WhenAll(ready.Select(r => SubmitAsync(r.Api, r.Id)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var references = await Task.WhenAll(responses.Select(async r => (await ReadAsync(r))["reference"]!.GetValue<string>()));
        Assert.Equal(4, references.Distinct().Count());
    }

    [Fact]
    public async Task A_submitted_application_cannot_be_edited()
    {
        var api = await factory.ApplicantAsync("5038");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        await SubmitAsync(api, Id(draft));
        var submitted = await GetAsync(api, Id(draft));
        submitted["description"] = "Endret etter innsending";

        var response = await PutAsync(api, submitted);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application-submitted", (await ReadAsync(response))["code"]!.GetValue<string>());
        Assert.NotEqual("Endret etter innsending", (await GetAsync(api, Id(draft)))["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Withdrawing_and_resubmitting_gives_a_new_submission_and_keeps_the_old_one()
    {
        var api = await factory.ApplicantAsync("4601");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        var first = await ReadAsync(await SubmitAsync(api, Id(draft)));

        var withdrawn = await ReadAsync(await api.PostAsync($"/api/v1/applications/{Id(draft)}/withdraw", null));
        Assert.Equal("withdrawn", withdrawn["status"]!.GetValue<string>());
        withdrawn["description"] = "Ny og bedre beskrivelse";
        var edited = await SaveAsync(api, withdrawn);
        var secondResponse = await SubmitAsync(api, Id(draft), Version(edited));
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        var second = await ReadAsync(secondResponse);

        Assert.Equal(first["reference"]!.GetValue<string>(), second["reference"]!.GetValue<string>());
        Assert.Equal(2, second["number"]!.GetValue<int>());
        Assert.NotEqual(first["sha256"]!.GetValue<string>(), second["sha256"]!.GetValue<string>());
        var receipts = (await api.GetFromJsonAsync<JsonArray>($"/api/v1/applications/{Id(draft)}/submissions"))!;
        Assert.Equal(2, receipts.Count);
        Assert.False(receipts[0]!["withdrawn"]!.GetValue<bool>());
        Assert.True(receipts[1]!["withdrawn"]!.GetValue<bool>());
        var oldSnapshot = await api.GetByteArrayAsync($"/api/v1/applications/{Id(draft)}/submissions/1/snapshot");
        Assert.Equal(first["sha256"]!.GetValue<string>(), Sha256(oldSnapshot));
        Assert.DoesNotContain("Ny og bedre beskrivelse", Encoding.UTF8.GetString(oldSnapshot), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_version_is_not_submitted()
    {
        var api = await factory.ApplicantAsync("1103");
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));

        var response = await SubmitAsync(api, Id(draft), Version(draft) - 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("version-conflict", (await ReadAsync(response))["code"]!.GetValue<string>());
        Assert.Equal(0, await SubmissionCountAsync(Id(draft)));
    }

    private async Task<int> SubmissionCountAsync(string id)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var guid = Guid.Parse(id);
        return await db.ApplicationSubmissions.CountAsync(s => s.ApplicationId == guid);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
