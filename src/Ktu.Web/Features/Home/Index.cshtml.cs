using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Home;

/// <summary>The start page says, per role, who the user acts for and what they can do next.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public sealed record OpenYear(int Year, string Name, DateTimeOffset Deadline, IReadOnlyList<string> Parts, bool Started);
    public sealed record PotLine(int Year, string Embete, long Amount, long Earmarked);

    public string? OrganisationName { get; private set; }
    public string? OrganisationNumber { get; private set; }
    public string? ReceivingEmbete { get; private set; }
    public string? EmbeteName { get; private set; }
    public List<OpenYear> OpenYears { get; } = [];
    public List<PotLine> Pots { get; } = [];
    public List<SchemeYear> Years { get; private set; } = [];
    public int MunicipalityCount { get; private set; }

    public CurrentUser Me => me;

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        var years = await db.SchemeYears.Include(s => s.ApplicantRules).Include(s => s.Pots).ThenInclude(p => p.Earmarks)
            .AsNoTracking().AsSplitQuery().OrderByDescending(s => s.Year).ToListAsync();
        Years = years;

        if (me.OrganisationId is { } orgId)
        {
            var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == orgId);
            OrganisationName = OrganisationDisplay.Name(org.Name, org.Kind);
            OrganisationNumber = org.OrgNumber;
            ReceivingEmbete = await db.Embeter.Where(e => e.Id == org.EmbeteId).Select(e => e.NameBokmal).SingleAsync();
            var started = await db.Applications.Where(a => a.OrganisationId == orgId).Select(a => a.SchemeYear).ToListAsync();
            foreach (var y in years.Where(y => y.IsPublished && y.IsEligible(org.Kind)))
            {
                var pot = y.Pots.FirstOrDefault(p => p.EmbeteId == org.EmbeteId);
                if (Deadline.IsOpen(y, pot, now))
                {
                    OpenYears.Add(new OpenYear(y.Year, y.Name, Deadline.For(y, pot), ApplicationPartNames.Norwegian(y.PartsFor(org.Kind)), started.Contains(y.Year)));
                }
            }
        }
        if (me.EmbeteId is { } embeteId)
        {
            EmbeteName = await db.Embeter.Where(e => e.Id == embeteId).Select(e => e.NameBokmal).SingleAsync();
            MunicipalityCount = await db.Organisations.CountAsync(o => o.EmbeteId == embeteId && o.Kind == OrganisationKind.Municipality);
            foreach (var y in years)
            {
                var pot = y.Pots.SingleOrDefault(p => p.EmbeteId == embeteId);
                if (pot is not null)
                {
                    Pots.Add(new PotLine(y.Year, EmbeteName, pot.Total, pot.Earmarks.Sum(e => e.Amount)));
                }
            }
        }
        if (me.IsInRole(Roles.Directorate) || me.IsInRole(Roles.Admin))
        {
            var names = await db.Embeter.ToDictionaryAsync(e => e.Id, e => e.NameBokmal);
            var latest = years.FirstOrDefault(y => y.Pots.Count > 0);
            if (latest is not null)
            {
                foreach (var p in latest.Pots.OrderBy(p => names[p.EmbeteId], StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), false)))
                {
                    Pots.Add(new PotLine(latest.Year, names[p.EmbeteId], p.Total, p.Earmarks.Sum(e => e.Amount)));
                }
            }
        }
    }
}
