using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

public enum RoundStatus
{
    /// <summary>The case officer works on the proposal.</summary>
    Draft = 1,
    /// <summary>Submitted for approval: frozen until an approver approves it or sends it back.</summary>
    AwaitingApproval = 2,
    /// <summary>Approved: the decisions are fixed and can never be changed.</summary>
    Approved = 3,
}
