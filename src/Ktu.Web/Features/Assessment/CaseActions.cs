using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// Left only for Applications' Withdraw, which still calls <c>Assessment.CaseActions.EnsureRoundOpenAsync</c>. Delete this
/// file once Withdraw no longer reaches into this feature; the check itself is <see cref="CaseRules.EnsureRoundOpenAsync"/>.
/// </summary>
internal static class CaseActions
{
    internal static Task EnsureRoundOpenAsync(AppDbContext db, Application application, CancellationToken ct, string? forApplicant = null) =>
        CaseRules.EnsureRoundOpenAsync(db, application, ct, forApplicant);
}
