using System.Net;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Data;

/// <summary>
/// A submitted snapshot is evidence: no save through the app may change or delete it, whatever else the save does.
/// The guard refuses before anything reaches the database, so the rest of that save is not written either.
/// </summary>
public sealed class EvidenceIsImmutableTests(KtuFactory factory) : IClassFixture<KtuFactory>
{
    private async Task<Guid> SubmittedApplicationAsync(string municipality)
    {
        var api = await factory.ApplicantAsync(municipality);
        var draft = await SaveAsync(api, Complete(await StartAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(api, Id(draft), Version(draft))).StatusCode);
        return Guid.Parse(Id(draft));
    }

    [Theory]
    [InlineData(EntityState.Modified, "modified")]
    [InlineData(EntityState.Deleted, "deleted")]
    public async Task A_submission_cannot_be_changed_or_deleted_and_nothing_else_of_that_save_is_written(EntityState state, string word)
    {
        var id = await SubmittedApplicationAsync(state == EntityState.Modified ? "5001" : "5006");
        int? populationBefore;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var submission = await db.ApplicationSubmissions.SingleAsync(s => s.ApplicationId == id);
            db.Entry(submission).State = state;
            var organisation = await db.Organisations.SingleAsync(o => o.MunicipalityNumber == "5001");
            populationBefore = organisation.Population;
            organisation.Population += 1;

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains($"is immutable; it cannot be {word}", refused.Message, StringComparison.Ordinal);
        }

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.ApplicationSubmissions.CountAsync(s => s.ApplicationId == id));
            var population = await db.Organisations.Where(o => o.MunicipalityNumber == "5001").Select(o => o.Population).SingleAsync();
            Assert.Equal(populationBefore, population);
        }
    }
}
