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

/// <summary>The embete's fixed decision on the application, line by line with reasons; before it exists, where the case stands.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class DecisionModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed record PartLines(DecisionPart Part, IReadOnlyList<DecisionLine> Lines)
    {
        public long Applied => Lines.Sum(l => l.AmountApplied);

        public long Granted => Lines.Sum(l => l.AmountGranted);
    }

    public Application Application { get; private set; } = null!;

    public GrantDecision? Decision { get; private set; }

    /// <summary>How many versions of the grant letter exist (0 until the embete has made it).</summary>
    public int LetterVersions { get; private set; }

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
        Decision = await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.ApplicationId == Application.Id && d.RoundNumber == 1, ct);
        if (Decision is not null)
        {
            var decisionId = Decision.Id;
            LetterVersions = await db.GrantLetters.CountAsync(l => l.GrantDecisionId == decisionId, ct);
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
