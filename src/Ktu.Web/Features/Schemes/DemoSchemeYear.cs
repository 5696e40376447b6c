using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// Demo only (Demo:Enabled, which ./run.sh sets): an open year copied from 2025 with next year's dates, so the demo
/// applicant can apply today. Production configuration never has it.
/// </summary>
internal sealed class DemoSchemeYear(IConfiguration configuration, TimeProvider time) : IDataSeed
{
    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        await SeedOpenYearAsync(db, ct);
    }

    private async Task SeedOpenYearAsync(AppDbContext db, CancellationToken ct)
    {
        var year = DemoAccounts.OpenYear(time.GetUtcNow());
        if (await db.SchemeYears.AnyAsync(s => s.Year == year, ct))
        {
            return;
        }
        var source = await db.SchemeYears
            .Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules)
            .Include(s => s.Pots).ThenInclude(p => p.Earmarks)
            .AsNoTracking().SingleAsync(s => s.Year == 2025, ct);
        var open = CopySchemeYear.From(source, year,
            NorwayTime.EndOfDay(new DateOnly(year, 3, 17)),
            new DateOnly(year + 1, 3, 1));
        open.Pots = await DemoPotsAsync(db, source.NationalAmount ?? 369_900_000, 5_000_000, ct);
        db.SchemeYears.Add(open);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Demo only: the national amount split by population, rounded down to whole thousands. The real
    /// split comes from Helsedirektoratet's letter and is entered per embete.
    /// </summary>
    private static async Task<List<Pot>> DemoPotsAsync(AppDbContext db, long national, long earmarked, CancellationToken ct)
    {
        var populations = await db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .GroupBy(o => o.EmbeteId)
            .Select(g => new { EmbeteId = g.Key, Population = g.Sum(o => (long)(o.Population ?? 0)) })
            .ToListAsync(ct);
        var total = populations.Sum(p => p.Population);
        return populations.OrderBy(p => p.EmbeteId, StringComparer.Ordinal).Select(p => new Pot
        {
            EmbeteId = p.EmbeteId,
            Amount = national * p.Population / total / 1000 * 1000,
            Earmarks = [new Earmark { ThemeCode = "avlastning", Amount = earmarked * p.Population / total / 1000 * 1000 }],
        }).ToList();
    }
}
