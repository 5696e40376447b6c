using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

/// <summary>
/// One decided line: a competence measure (continuing or new persons of one education type), one BPA role,
/// or one service-development project, with what was applied for, what was granted and why (Norwegian,
/// written so it can go into the grant letter as it stands).
/// </summary>
public sealed record DecisionLine(
    string LineId,
    DecisionPart Part,
    string Label,
    long AmountApplied,
    long AmountGranted,
    string Reason);
