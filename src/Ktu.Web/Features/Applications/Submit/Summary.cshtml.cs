using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 5: totals per part and overall, project themes, remaining issues, and the submit (or withdraw) button.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class SummaryModel(AppDbContext db, CurrentUser me, TimeProvider time, PartEditors editors, SubmitLimit limit, ReceiptEmailLimit receiptEmails) : PageModel
{
    /// <summary>The application as the part pages show it; the summary has no part form of its own, its issues are the whole application's.</summary>
    public PartEditor Part { get; } = editors.For(new PartShape(ApplicationStep.Summary, field => field.Length == 0, []) { HasForm = false });

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The version the summary was read at: a submit of an older version is refused.</summary>
    [BindProperty] public int Version { get => Part.Version; set => Part.Version = value; }

    public string? RefusedMessage { get; private set; }

    public int? LatestSubmission { get; private set; }

    /// <summary>Open questions from the embete and a ready decision, for a submitted application.</summary>
    public IReadOnlyList<CaseNotice> CaseNotices { get; private set; } = [];

    /// <summary>Where an issue is fixed: the part's page and the field's id.</summary>
    public string LinkOf(ValidationIssue issue)
    {
        var step = ApplicationSteps.Of(issue.Field);
        if (step == ApplicationStep.Summary)
        {
            return Url.Page(ApplicationSteps.PageOf(step), new { id = Id })!;
        }
        // BPA lines are by role on the page, not by saved row, so link to the page only.
        var fragment = step == ApplicationStep.Bpa ? null : FormFields.IdOf(FormFields.FormKey(issue.Field));
        return Url.Page(ApplicationSteps.PageOf(step), pageHandler: null, values: new { id = Id, kontroll = 1 }, protocol: null, host: null, fragment: fragment)!;
    }

    public string ThemeName(string code) => Part.View.Rules.Scheme.Themes.FirstOrDefault(t => t.Code == code)?.Name ?? code;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        LatestSubmission = Part.View.Application.SubmissionCount > 0 ? Part.View.Application.SubmissionCount : null;
        CaseNotices = await Applications.CaseNotices.ForOrganisationAsync(db, Part.View.Application.OrganisationId, Part.View.Application.Id, ct);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var formVersion = Version;
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        if (!limit.TryTake(HttpContext))
        {
            return await TooManyAsync(ct);
        }
        var outcome = await Submit.HandleAsync(db, me, time, receiptEmails, Id, formVersion, ct);
        switch (outcome)
        {
            case Submit.Submitted s:
                return RedirectToPage("/Applications/Receipts/Receipt", new { id = Id, number = s.Submission.Number });
            case Submit.Refused r:
                RefusedMessage = r.Message;
                break;
            case Submit.Conflict:
                RefusedMessage = Texts.Summary_SubmitConflict;
                break;
        }
        await Part.LoadAsync(Id, ct);
        LatestSubmission = Part.View.Application.SubmissionCount > 0 ? Part.View.Application.SubmissionCount : null;
        ModelState.Clear();
        ModelState.AddModelError("", RefusedMessage ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        if (!limit.TryTake(HttpContext))
        {
            return await TooManyAsync(ct);
        }
        try
        {
            await Withdraw.HandleAsync(db, me, time, Id, ct);
        }
        catch (RuleViolationException e)
        {
            await Part.LoadAsync(Id, ct);
            LatestSubmission = Part.View.Application.SubmissionCount > 0 ? Part.View.Application.SubmissionCount : null;
            ModelState.Clear();
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        return RedirectToPage(ApplicationSteps.PageOf(ApplicationStep.Summary), new { id = Id });
    }

    /// <summary>
    /// The person's submits and withdrawals for the hour are used up (Security:SubmitsPerHour, shared with the API): the
    /// page again with the reason, answered 429 as the API is, and nothing changed.
    /// </summary>
    private async Task<IActionResult> TooManyAsync(CancellationToken ct)
    {
        await Part.LoadAsync(Id, ct);
        LatestSubmission = Part.View.Application.SubmissionCount > 0 ? Part.View.Application.SubmissionCount : null;
        ModelState.Clear();
        ModelState.AddModelError("", Web.Texts.Problem_TooManySubmits);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
