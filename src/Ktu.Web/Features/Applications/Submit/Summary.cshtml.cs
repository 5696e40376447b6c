using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 5: totals per part and overall, project themes, remaining issues, and the submit (or withdraw) button.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class SummaryModel(AppDbContext db, CurrentUser me, TimeProvider time) : PartPage(db, me, time)
{
    protected override bool HasPartForm => false;

    public override ApplicationStep Step => ApplicationStep.Summary;

    public string? RefusedMessage { get; private set; }

    public int? LatestSubmission { get; private set; }

    /// <summary>Open questions from the embete and a ready decision, for a submitted application.</summary>
    public IReadOnlyList<CaseNotice> CaseNotices { get; private set; } = [];

    protected override bool BelongsHere(string field) => field.Length == 0;

    /// <summary>Where an issue is fixed: the part's page and the field's id.</summary>
    public string LinkOf(ValidationIssue issue)
    {
        var step = ApplicationSteps.Of(issue.Field);
        var path = ApplicationSteps.Path(View.Application.Id, step);
        // BPA lines are by role on the page, not by saved row, so link to the page only.
        return step switch
        {
            ApplicationStep.Summary => path,
            ApplicationStep.Bpa => path + "?kontroll=1",
            _ => path + "?kontroll=1#" + IdOf(FormKey(issue.Field)),
        };
    }

    public string ThemeName(string code) => View.Rules.Scheme.Themes.FirstOrDefault(t => t.Code == code)?.Name ?? code;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        LatestSubmission = View.Application.SubmissionCount > 0 ? View.Application.SubmissionCount : null;
        CaseNotices = await Applications.CaseNotices.ForOrganisationAsync(Db, View.Application.OrganisationId, View.Application.Id, ct);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var formVersion = Version;
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var outcome = await Submit.HandleAsync(Db, Me, Time, Id, formVersion, ct);
        switch (outcome)
        {
            case Submit.Submitted s:
                return Redirect($"/soknad/{Id}/kvittering/{s.Submission.Number}");
            case Submit.Refused r:
                RefusedMessage = r.Message;
                break;
            case Submit.Conflict:
                RefusedMessage = Texts.Summary_SubmitConflict;
                break;
        }
        await LoadAsync(ct);
        LatestSubmission = View.Application.SubmissionCount > 0 ? View.Application.SubmissionCount : null;
        ModelState.Clear();
        ModelState.AddModelError("", RefusedMessage ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await Withdraw.HandleAsync(Db, Me, Time, Id, ct);
        }
        catch (RuleViolationException e)
        {
            await LoadAsync(ct);
            LatestSubmission = View.Application.SubmissionCount > 0 ? View.Application.SubmissionCount : null;
            ModelState.Clear();
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        return Redirect(ApplicationSteps.Path(Id, ApplicationStep.Summary));
    }
}
