using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// One line of an assessed application as the allocation starts from it: the submitted line, the officer's score and
/// amount, and who assessed it. <see cref="RoundView"/> computes the proposal over these.
/// </summary>
internal sealed record RoundCandidate(
    string Key, Guid ApplicationId, string Reference, string Applicant, bool District, CaseLine Line,
    int Score, long Amount, string? Reason, string? OfficerName, int SubmissionNumber, Actor? AssessedBy, DateTimeOffset? AssessedAt)
{
    public AllocationLine ToAllocationLine() => new()
    {
        Id = Key,
        Applicant = ApplicationId.ToString("N"),
        Kind = Line.Part switch
        {
            DecisionPart.Competence => LineKind.Competence,
            DecisionPart.Bpa => LineKind.Bpa,
            _ => LineKind.Project,
        },
        EducationType = Line.EducationType,
        BpaRole = Line.BpaRole,
        Theme = Line.Theme,
        Continuation = Line.Continuation,
        District = District,
        AmountApplied = Amount,
        Score = Score,
    };
}

/// <summary>Reads the embete's submitted applications for a year: the lines of the assessed ones, and the rest as not ready.</summary>
internal static class RoundCandidates
{
    public static async Task<(List<RoundCandidate>, List<NotReady>)> LoadAsync(AppDbContext db, string embeteId, int year, SchemeYear scheme, CancellationToken ct)
    {
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.EmbeteId == embeteId && a.SchemeYear == year && a.Status == ApplicationStatus.Submitted)
            .ToListAsync(ct);
        var ids = applications.Select(a => a.Id).ToList();
        var submissions = (await db.ApplicationSubmissions.AsNoTracking()
                .Where(s => ids.Contains(s.ApplicationId))
                .ToListAsync(ct))
            .GroupBy(s => s.ApplicationId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Number)!);
        var cases = await db.CaseFiles.AsNoTracking().Where(c => ids.Contains(c.ApplicationId)).ToDictionaryAsync(c => c.ApplicationId, ct);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => applications.Select(a => a.OrganisationId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, ct);
        var earmarked = scheme.EarmarkedThemes(embeteId);
        var assessors = await AssessorsAsync(db, embeteId, ids, ct);

        var candidates = new List<RoundCandidate>();
        var notReady = new List<NotReady>();
        foreach (var a in applications.OrderBy(a => a.Reference, StringComparer.Ordinal))
        {
            (Actor By, DateTimeOffset At)? assessor = assessors.TryGetValue(a.Id, out var found) ? found : null;
            var organisation = organisations[a.OrganisationId];
            cases.TryGetValue(a.Id, out var caseFile);
            if (caseFile is not { Status: CaseStatus.Assessed })
            {
                notReady.Add(new(a.Id, a.Reference ?? "", organisation.Name, CaseStatusName.Of(caseFile?.Status ?? CaseStatus.Received, false)));
                continue;
            }
            var submission = submissions[a.Id];
            var snapshot = submission.ReadSnapshot();
            var assessments = caseFile.ReadAssessments().ToDictionary(x => x.LineId, StringComparer.Ordinal);
            var district = Domain.Rules.DistrictMunicipality.Is(organisation, scheme);
            foreach (var line in CaseLines.From(snapshot.Application, scheme, earmarked))
            {
                var assessed = assessments.GetValueOrDefault(line.Id);
                candidates.Add(new RoundCandidate(AllocationRound.LineKey(a.Id, line.Id), a.Id, a.Reference ?? "", organisation.Name, district, line,
                    assessed?.Score ?? 0, assessed?.Amount ?? 0,
                    // No reason on an assessed line is normal (granted as applied); FinalReason then says so. Only a line with no assessment is "not assessed".
                    assessed is null ? AllocationTexts.Line_NotAssessed : assessed.Reason, caseFile.AssignedOfficerName,
                    submission.Number, assessor?.By, assessor?.At));
            }
        }
        return (candidates, notReady);
    }

    /// <summary>
    /// Who last saved each application's assessment, and when, from the audit trail (which cannot be rewritten): the
    /// approver sees it, and the decision records it, also when the case has since moved to someone else.
    /// </summary>
    private static async Task<Dictionary<Guid, (Actor By, DateTimeOffset At)>> AssessorsAsync(AppDbContext db, string embeteId, List<Guid> ids, CancellationToken ct)
    {
        var keys = ids.Select(i => i.ToString()).ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "case.assessed" && e.EmbeteId == embeteId && keys.Contains(e.EntityId) && e.ActorUserId != null)
            .Select(e => new { e.EntityId, e.ActorUserId, e.ActorEmail, e.At, e.Id })
            .ToListAsync(ct);
        var latest = entries.GroupBy(e => e.EntityId).Select(g => g.MaxBy(e => e.Id)!).ToList();
        var userIds = latest.Select(e => e.ActorUserId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return latest.ToDictionary(e => Guid.Parse(e.EntityId), e => (new Actor(e.ActorUserId!, names.GetValueOrDefault(e.ActorUserId!), e.ActorEmail), e.At));
    }
}
