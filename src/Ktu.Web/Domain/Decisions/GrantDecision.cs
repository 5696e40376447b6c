using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

/// <summary>
/// The fixed decision for one application, made when an approver approves the embete's allocation.
/// Rows are inserted once and never changed (Data/Interceptors/DecisionsAreImmutable); a corrected
/// decision would be a new round, never an edit. Everything the grant letter and the payment need is
/// copied here at approval, so neither depends on data that may change later.
/// </summary>
public sealed class GrantDecision
{
    private GrantDecision()
    {
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid AllocationRoundId { get; private set; }
    /// <summary>1 for the decision of the year's allocation; above 1 for a supplementary grant from a later round, which adds to it.</summary>
    public int RoundNumber { get; private set; } = 1;
    public bool IsSupplementary => RoundNumber > 1;
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int SchemeYear { get; private set; }
    /// <summary>The application's reference, "KTU-2027-TRO-0001"; the case reference in the letter.</summary>
    public string CaseReference { get; private set; } = "";
    /// <summary>
    /// The reference that follows this decision's payment (end-to-end id, remittance, offsets): the case reference for the
    /// first round, as always, and the case reference with the round, "KTU-2027-TRO-0001-R2", for a supplementary grant,
    /// so both can be paid in one file and each matched back to its own decision.
    /// </summary>
    public string PaymentReference => ReferenceFor(CaseReference, RoundNumber);

    /// <summary>
    /// The reference of a round's decision: the case reference unchanged for round 1, "KTU-2027-TRO-0001-R2" for a later
    /// round. Used for the payment reference and for the letter's file name, so the two never disagree.
    /// </summary>
    public static string ReferenceFor(string caseReference, int round) => round > 1
        ? $"{caseReference}-R{round.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : caseReference;
    /// <summary>Applicant name and org. number as they were at the decision.</summary>
    public string ApplicantName { get; private set; } = "";
    public string ApplicantOrgNumber { get; private set; } = "";
    /// <summary>From the submitted application: where the money goes and the remark on the payment.</summary>
    public string? AccountNumber { get; private set; }
    public string? PaymentRemark { get; private set; }
    /// <summary>Whole kroner, summed over <see cref="Lines"/>.</summary>
    public long AmountApplied { get; private set; }
    public long AmountGranted { get; private set; }
    /// <summary>The lines as JSON text; read with <see cref="ReadLines"/>.</summary>
    public string LinesJson { get; private set; } = "[]";
    /// <summary>Conditions for this applicant beyond the scheme year's standard ones; may be empty.</summary>
    public string? ExtraConditions { get; private set; }
    public string OfficerUserId { get; private set; } = "";
    public string OfficerName { get; private set; } = "";
    public string ApproverUserId { get; private set; } = "";
    public string ApproverName { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>Nothing granted: the letter is a refusal (avslag).</summary>
    public bool IsRefusal => AmountGranted == 0;

    public IReadOnlyList<DecisionLine> ReadLines() => DecisionJson.DeserializeLines(LinesJson);

    public long GrantedFor(DecisionPart part) => ReadLines().Where(l => l.Part == part).Sum(l => l.AmountGranted);

    /// <summary>
    /// The grant of one application read as one: a grant is per applicant and year, and a supplementary decision of a later
    /// round adds to it. The result carries the first decision's id (the grant id reports, transfers, claims and account
    /// changes hang on), its applicant, account and dates, the amount applied for in the application, and per line the sum
    /// granted in every round. It is a reading of the decisions, never stored; a single decision is returned as it is.
    /// </summary>
    public static GrantDecision AsOneGrant(IReadOnlyCollection<GrantDecision> decisions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(decisions.Count);
        var ordered = decisions.OrderBy(d => d.RoundNumber).ToList();
        if (ordered.Any(d => d.ApplicationId != ordered[0].ApplicationId))
        {
            throw new ArgumentException("A grant is the decisions of one application.", nameof(decisions));
        }
        if (ordered.Count == 1)
        {
            return ordered[0];
        }
        var lines = new List<DecisionLine>();
        foreach (var line in ordered.SelectMany(d => d.ReadLines()))
        {
            // A later round offers only what the earlier ones left of a line, so the first decision that has the line
            // holds what was applied for; the later ones only add to what is granted.
            var at = lines.FindIndex(l => string.Equals(l.LineId, line.LineId, StringComparison.Ordinal));
            if (at < 0)
            {
                lines.Add(line);
            }
            else
            {
                lines[at] = lines[at] with { AmountGranted = lines[at].AmountGranted + line.AmountGranted };
            }
        }
        var first = ordered[0];
        return new GrantDecision
        {
            Id = first.Id,
            ApplicationId = first.ApplicationId,
            AllocationRoundId = first.AllocationRoundId,
            RoundNumber = first.RoundNumber,
            OrganisationId = first.OrganisationId,
            EmbeteId = first.EmbeteId,
            SchemeYear = first.SchemeYear,
            CaseReference = first.CaseReference,
            ApplicantName = first.ApplicantName,
            ApplicantOrgNumber = first.ApplicantOrgNumber,
            AccountNumber = first.AccountNumber,
            PaymentRemark = first.PaymentRemark,
            AmountApplied = lines.Sum(l => l.AmountApplied),
            AmountGranted = lines.Sum(l => l.AmountGranted),
            LinesJson = DecisionJson.SerializeLines(lines),
            ExtraConditions = first.ExtraConditions,
            OfficerUserId = first.OfficerUserId,
            OfficerName = first.OfficerName,
            ApproverUserId = first.ApproverUserId,
            ApproverName = first.ApproverName,
            DecidedAt = first.DecidedAt,
        };
    }

    public static GrantDecision Make(
        Guid id,
        Guid applicationId,
        Guid allocationRoundId,
        Organisation applicant,
        int schemeYear,
        string caseReference,
        string? accountNumber,
        string? paymentRemark,
        IReadOnlyList<DecisionLine> lines,
        string? extraConditions,
        Actor officer,
        Actor approver,
        DateTimeOffset decidedAt,
        int roundNumber = 1)
    {
        if (lines.Any(l => l.AmountGranted < 0 || l.AmountGranted > l.AmountApplied))
        {
            throw new ArgumentException("A granted amount must be between 0 and the amount applied for.", nameof(lines));
        }
        if (officer.UserId == approver.UserId)
        {
            throw new ArgumentException("The approver must be another person than the case officer.", nameof(approver));
        }
        return new GrantDecision
        {
            Id = id,
            ApplicationId = applicationId,
            AllocationRoundId = allocationRoundId,
            RoundNumber = roundNumber,
            OrganisationId = applicant.Id,
            EmbeteId = applicant.EmbeteId,
            SchemeYear = schemeYear,
            CaseReference = caseReference,
            ApplicantName = OrganisationDisplay.Name(applicant.Name, applicant.Kind),
            ApplicantOrgNumber = applicant.OrgNumber,
            AccountNumber = accountNumber,
            PaymentRemark = paymentRemark,
            AmountApplied = lines.Sum(l => l.AmountApplied),
            AmountGranted = lines.Sum(l => l.AmountGranted),
            LinesJson = DecisionJson.SerializeLines(lines),
            ExtraConditions = extraConditions,
            OfficerUserId = officer.UserId,
            OfficerName = officer.DisplayName,
            ApproverUserId = approver.UserId,
            ApproverName = approver.DisplayName,
            DecidedAt = decidedAt,
        };
    }
}
