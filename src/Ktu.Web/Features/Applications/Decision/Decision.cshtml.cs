using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// The embete's fixed decision on the application, line by line with reasons, and each supplementary grant of a later round
/// with its own letter, and the total; before there is a decision, where the case stands.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class DecisionModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed record PartLines(DecisionPart Part, IReadOnlyList<DecisionLine> Lines)
    {
        public long Applied => Lines.Sum(l => l.AmountApplied);

        public long Granted => Lines.Sum(l => l.AmountGranted);
    }

    public Application Application { get; private set; } = null!;

    /// <summary>The decision of the year's allocation (the first round the application was decided in).</summary>
    public GrantDecision? Decision { get; private set; }

    /// <summary>The supplementary decisions of later rounds, in order; each adds to <see cref="Decision"/>.</summary>
    public IReadOnlyList<GrantDecision> Supplementary { get; private set; } = [];

    /// <summary>All the decisions read as one grant: the total granted and what was applied for.</summary>
    public GrantDecision? Grant { get; private set; }

    /// <summary>How many versions of the grant letter exist (0 until the embete has made it).</summary>
    public int LetterVersions => LetterVersionsOf(Decision);

    /// <summary>How many versions of each decision's letter exist, by decision id.</summary>
    public IReadOnlyDictionary<Guid, int> Letters { get; private set; } = new Dictionary<Guid, int>();

    public int LetterVersionsOf(GrantDecision? decision) => decision is null ? 0 : Letters.GetValueOrDefault(decision.Id);

    public IReadOnlyList<PartLines> Parts { get; private set; } = [];

    public CaseStatus? CaseStatus { get; private set; }

    /// <summary>Where the case stands while there is no decision, in the applicant's words.</summary>
    public string StatusText => Application.Status != ApplicationStatus.Submitted
        ? Texts.Decision_NotSubmitted
        : CaseStatus switch
        {
            Domain.Assessment.CaseStatus.UnderAssessment => Texts.Decision_StatusUnderAssessment,
            Domain.Assessment.CaseStatus.AwaitingApplicant => Texts.Decision_StatusAwaitingApplicant,
            Domain.Assessment.CaseStatus.Assessed => Texts.Decision_StatusAssessed,
            _ => Texts.Decision_StatusReceived,
        };

    /// <summary>The decision date in Norwegian time.</summary>
    public static string DecidedOn(DateTimeOffset instant) => Format.Date(NorwayTime.DateOf(instant));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == Application.Id).OrderBy(d => d.RoundNumber).ToListAsync(ct);
        if (decisions.Count > 0)
        {
            Decision = decisions[0];
            Supplementary = decisions.Skip(1).ToList();
            Grant = GrantDecision.AsOneGrant(decisions);
            var ids = decisions.Select(d => d.Id).ToList();
            Letters = (await db.GrantLetters.AsNoTracking().Where(l => ids.Contains(l.GrantDecisionId)).Select(l => l.GrantDecisionId).ToListAsync(ct))
                .GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
            Parts = [.. Decision.ReadLines().GroupBy(l => l.Part).OrderBy(g => g.Key).Select(g => new PartLines(g.Key, [.. g]))];
        }
        else
        {
            CaseStatus = await db.CaseFiles.AsNoTracking().Where(c => c.ApplicationId == Application.Id)
                .Select(c => (CaseStatus?)c.Status).SingleOrDefaultAsync(ct);
        }
        return Page();
    }
}
