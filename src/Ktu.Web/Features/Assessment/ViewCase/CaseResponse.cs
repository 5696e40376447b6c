using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Assessment;

public sealed record CaseLineDto(string Id, string Part, string Label, long AmountApplied, string? EducationType, string? BpaRole, string? Theme, bool Continuation,
    int? Score, long? AmountAssessed, string? Reason);

public sealed record DeclarationDto(string UserName, bool Conflict, string? Reason, DateTimeOffset DeclaredAt);

/// <summary>One case over JSON: the answer of viewing it, and of each change to it.</summary>
public sealed record CaseResponse(
    Guid ApplicationId, string Reference, string Applicant, string OrgNumber, bool District, int SchemeYear,
    string Status, string StatusName, string? AssignedOfficer, int Version, string? InternalNote, string? ExtraConditions,
    int SubmissionNumber, string SubmissionSha256,
    IReadOnlyList<CaseLineDto> Lines, IReadOnlyList<DeclarationDto> Declarations, IReadOnlyList<QuestionDto> Questions)
{
    /// <summary>The case as <paramref name="me"/> may read it: someone with a declared conflict does not see the internal note.</summary>
    internal static CaseResponse From(CaseView v, CurrentUser me)
    {
        var assessed = (v.CaseFile?.ReadAssessments() ?? []).ToDictionary(a => a.LineId, StringComparer.Ordinal);
        return new CaseResponse(v.Application.Id, v.Application.Reference ?? "", v.Organisation.Name, v.Organisation.OrgNumber, v.District,
            v.Application.SchemeYear, v.IsWithdrawn ? ListCases.Withdrawn : v.Status.ToString(), CaseStatusName.Of(v.Status, v.IsWithdrawn),
            v.CaseFile?.AssignedOfficerName, v.CaseFile?.Version ?? 0, (v.HasConflict(me.Id) ? null : v.CaseFile?.InternalNote), v.CaseFile?.ExtraConditions, v.Submission.Number, v.Submission.Sha256,
            v.Lines.Select(l =>
            {
                var a = assessed.GetValueOrDefault(l.Id);
                return new CaseLineDto(l.Id, l.Part.ToString(), l.Label, l.AmountApplied, l.EducationType, l.BpaRole?.ToString(), l.Theme, l.Continuation,
                    a?.Score, a?.Amount, a?.Reason);
            }).ToList(),
            v.Declarations.Select(d => new DeclarationDto(d.UserName, d.Conflict, d.Reason, d.DeclaredAt)).ToList(),
            v.Questions.Select(QuestionDto.From).ToList());
    }
}
