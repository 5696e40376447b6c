using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// Demo only (Demo:Enabled, which ./run.sh sets): pots for the nine embeter whose 2025 figures are not public, and an open,
/// published year copied from 2025 with next year's dates, so the demo applicant can apply today. Every made-up amount is
/// labelled as a demo figure, and all of them go in through <see cref="DistributePots"/>. Production configuration never has them.
/// </summary>
internal sealed class DemoSchemeYear(IConfiguration configuration, TimeProvider time) : IDataSeed
{
    /// <summary>Trøndelag's 2025 share earmarked for respite models (415 000 of 30 667 000), used for the made-up pots.</summary>
    private const double EarmarkShare = 415_000d / 30_667_000d;

    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (!configuration.GetValue("Demo:Enabled", false))
        {
            return;
        }
        await SeedDemoPots2025Async(db, ct);
        await SeedOpenYearAsync(db, ct);
        if (configuration.GetValue("Demo:ReportYear", false))
        {
            await SeedReportYearAsync(db, ct);
        }
    }

    /// <summary>
    /// Demo:ReportYear: this calendar year, copied from 2025 with demo pots and published, its application deadline passed and
    /// its report window open from today (a real year opens on 1 January after it), so a report can be written at once.
    /// </summary>
    private async Task SeedReportYearAsync(AppDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var year = DemoAccounts.OpenYear(now) - 1;
        if (await db.SchemeYears.AnyAsync(s => s.Year == year, ct))
        {
            return;
        }
        var source = await db.SchemeYears.WithRules().AsNoTracking().SingleAsync(s => s.Year == 2025, ct);
        var deadline = NorwayTime.EndOfDay(new DateOnly(year, 3, 17));
        var scheme = CopySchemeYear.From(source, year, deadline, new DateOnly(year + 1, 3, 1));
        scheme.Pots = [];
        var national = source.NationalAmount ?? 369_900_000;
        var proposal = await PotProposal.ProposalAsync(db, national, ct);
        DistributePots.ApplyChecked(scheme, new PotsInput { NationalAmount = national, Pots = proposal.Select(p => Demo(p, scheme)).ToList() },
            await db.Embeter.Select(e => e.Id).ToListAsync(ct));
        var today = NorwayTime.DateOf(now);
        foreach (var pot in scheme.Pots)
        {
            pot.ReportOpensOn = today < new DateOnly(year + 1, 1, 1) ? today : null;
        }
        scheme.Status = SchemeStatus.Published;
        scheme.PublishedAt = deadline.AddMonths(-3);
        db.SchemeYears.Add(scheme);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rest of the 2025 national amount split by population between the embeter without public figures; only while Trøndelag's is the only pot.</summary>
    private static async Task SeedDemoPots2025Async(AppDbContext db, CancellationToken ct)
    {
        var y2025 = await db.SchemeYears.WithRules().SingleOrDefaultAsync(s => s.Year == 2025, ct);
        if (y2025 is not { NationalAmount: { } national } || y2025.Pots.Count != 1)
        {
            return;
        }
        var real = y2025.Pots.Single();
        var proposal = await PotProposal.ProposalAsync(db, national, ct);
        var others = PotProposal.ByPopulation(national - real.Amount,
            proposal.Where(p => p.Embete != real.EmbeteId).Select(p => (p.Embete, p.Population)).ToList());
        var input = new PotsInput
        {
            NationalAmount = national,
            Pots =
            [
                new PotInput(real.EmbeteId, real.Amount, real.TransferredAmount, real.Earmarks.Select(e => new EarmarkInput(e.ThemeCode, e.Amount)).ToList()),
                .. others.Select(p => Demo(p, y2025)),
            ],
        };
        DistributePots.ApplyChecked(y2025, input, await db.Embeter.Select(e => e.Id).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedOpenYearAsync(AppDbContext db, CancellationToken ct)
    {
        var year = DemoAccounts.OpenYear(time.GetUtcNow());
        if (await db.SchemeYears.AnyAsync(s => s.Year == year, ct))
        {
            return;
        }
        var source = await db.SchemeYears.WithRules().AsNoTracking().SingleAsync(s => s.Year == 2025, ct);
        var open = CopySchemeYear.From(source, year,
            NorwayTime.EndOfDay(new DateOnly(year, 3, 17)),
            new DateOnly(year + 1, 3, 1));
        open.Pots = [];
        var national = source.NationalAmount ?? 369_900_000;
        var proposal = await PotProposal.ProposalAsync(db, national, ct);
        DistributePots.ApplyChecked(open, new PotsInput { NationalAmount = national, Pots = proposal.Select(p => Demo(p, open)).ToList() },
            await db.Embeter.Select(e => e.Id).ToListAsync(ct));
        open.Status = SchemeStatus.Published;
        open.PublishedAt = time.GetUtcNow();
        db.SchemeYears.Add(open);
        await db.SaveChangesAsync(ct);
    }

    private static PotInput Demo(PotProposalDto p, SchemeYear year) => new(p.Embete, p.Amount, DemoFigure: true,
        Earmarks: year.Themes.Where(t => t.Earmarked).Select(t => new EarmarkInput(t.Code, (long)(p.Amount * EarmarkShare) / 1000 * 1000)).ToList());
}
