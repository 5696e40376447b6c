using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// A submitted application as the embete sees it: the latest submitted snapshot (never the applicant's
/// later draft), its lines, the case file, the impartiality declarations and the questions to the applicant.
/// </summary>
internal sealed record CaseView(
    Application Application,
    ApplicationSubmission Submission,
    ApplicationSnapshot Snapshot,
    Organisation Organisation,
    SchemeYear Scheme,
    bool District,
    IReadOnlyList<CaseLine> Lines,
    CaseFile? CaseFile,
    IReadOnlyList<ImpartialityDeclaration> Declarations,
    IReadOnlyList<InformationRequest> Questions,
    IReadOnlyList<int> MissingReportYears)
{
    public bool IsWithdrawn => Application.Status != ApplicationStatus.Submitted;

    public CaseStatus Status => CaseFile?.Status ?? CaseStatus.Received;

    /// <summary>The caller's latest declaration, or null when they have not declared yet.</summary>
    public ImpartialityDeclaration? DeclarationOf(string? userId) =>
        Declarations.Where(d => d.UserId == userId).OrderByDescending(d => d.DeclaredAt).FirstOrDefault();

    /// <summary>True when <paramref name="userId"/> has declared a conflict here: a declared conflict stands, whatever came after.</summary>
    public bool HasConflict(string? userId) => Declarations.Any(d => d.UserId == userId && d.Conflict);

    public bool MayAssess(CurrentUser me) =>
        !IsWithdrawn && me.IsInRole(Roles.CaseOfficer) && CaseFile?.IsAssignedTo(me.Id ?? "") == true
        && DeclarationOf(me.Id) is { Conflict: false } && !HasConflict(me.Id);

    public static async Task<CaseView> LoadAsync(AppDbContext db, Application application, CancellationToken ct)
    {
        var submission = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.ApplicationId == application.Id)
            .OrderByDescending(s => s.Number)
            .FirstAsync(ct);
        var scheme = await LoadSchemeAsync(db, application.SchemeYear, ct);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == application.OrganisationId, ct);
        var snapshot = submission.ReadSnapshot();
        var lines = CaseLines.From(snapshot.Application, scheme, scheme.EarmarkedThemes(application.EmbeteId));
        var caseFile = await db.CaseFiles.SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct);
        var declarations = await db.ImpartialityDeclarations.AsNoTracking()
            .Where(d => d.ApplicationId == application.Id).ToListAsync(ct);
        var questions = await db.InformationRequests.AsNoTracking()
            .Where(q => q.ApplicationId == application.Id).ToListAsync(ct);
        var missingReports = await db.MissingReportYearsAsync([organisation.Id], application.SchemeYear, ct);
        return new(application, submission, snapshot, organisation, scheme, DistrictMunicipality.Is(organisation, scheme), lines, caseFile,
            declarations.OrderBy(d => d.DeclaredAt).ToList(), questions.OrderBy(q => q.AskedAt).ToList(),
            missingReports.GetValueOrDefault(organisation.Id) ?? []);
    }

    public static async Task<SchemeYear> LoadSchemeAsync(AppDbContext db, int year, CancellationToken ct) =>
        await db.Reference.SchemeYearAsync(year, ct) ?? throw new NotFoundException(AssessmentTexts.Rules_SchemeYearNotFound);
}
