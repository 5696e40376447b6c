using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Applications;

/// <summary>
/// Reference numbers at the deadline rush: each embete's series is 0001, 0002, ... without gaps or
/// duplicates however many submit at once. A database of its own, so the series start at 0001.
/// </summary>
public sealed class ReferenceNumberTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    [Fact]
    public async Task Forty_municipalities_submitting_at_once_all_get_through_with_consecutive_reference_numbers()
    {
        var municipalities = await MunicipalitiesOfAsync("vestland", 40);
        var ready = new List<(HttpClient Api, string Id, int Version)>();
        foreach (var number in municipalities)
        {
            var api = await factory.ApplicantAsync(number);
            var draft = await SaveAsync(api, Complete(await StartAsync(api)));
            ready.Add((api, Id(draft), Version(draft)));
        }

        // Everyone at once, and five of them double-click: a losing double click must not use up a number.
        var submits = ready.Select(r => (r.Id, Response: SubmitAsync(r.Api, r.Id, r.Version)))
            .Concat(ready.Take(5).Select(r => (r.Id, Response: SubmitAsync(r.Api, r.Id, r.Version))))
            .ToList();
        await Task.WhenAll(submits.Select(s => s.Response));

        var receipts = new Dictionary<string, HashSet<string>>();
        foreach (var (id, response) in submits)
        {
            var result = await response;
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
            var receipt = (await ReadAsync(result)).ToJsonString();
            receipts.TryAdd(id, []);
            receipts[id].Add(receipt);
        }
        Assert.All(receipts.Values, r => Assert.Single(r));

        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var references = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.EmbeteId == "vestland").Select(s => s.Reference).ToListAsync();
        Assert.Equal(
            Enumerable.Range(1, 40).Select(n => $"KTU-{OpenYear}-VES-{n:0000}"),
            references.Order(StringComparer.Ordinal));
        var counter = await db.ReferenceCounters.AsNoTracking().SingleAsync(c => c.SchemeYear == OpenYear && c.EmbeteId == "vestland");
        Assert.Equal(40, counter.Last);
    }

    [Fact]
    public async Task A_series_without_a_counter_continues_after_the_highest_number_given()
    {
        var municipalities = await MunicipalitiesOfAsync("rogaland", 2);
        var first = await SubmitNewAsync(municipalities[0]);
        await using (var scope = factory.CreateScope())
        {
            // As in a database from before the counters.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.ReferenceCounters.Where(c => c.SchemeYear == OpenYear && c.EmbeteId == "rogaland").ExecuteDeleteAsync());
        }

        var second = await SubmitNewAsync(municipalities[1]);

        Assert.Equal($"KTU-{OpenYear}-ROG-0001", first);
        Assert.Equal($"KTU-{OpenYear}-ROG-0002", second);
    }

    private async Task<string> SubmitNewAsync(string municipality)
    {
        var api = await factory.ApplicantAsync(municipality);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        using var response = await SubmitAsync(api, Id(draft), Version(draft));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response))["reference"]!.GetValue<string>();
    }

    private async Task<List<string>> MunicipalitiesOfAsync(string embeteId, int count)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var numbers = await db.Organisations.AsNoTracking()
            .Where(o => o.EmbeteId == embeteId && o.MunicipalityNumber != null)
            .Select(o => o.MunicipalityNumber!).ToListAsync();
        return [.. numbers.Order(StringComparer.Ordinal).Take(count)];
    }
}
