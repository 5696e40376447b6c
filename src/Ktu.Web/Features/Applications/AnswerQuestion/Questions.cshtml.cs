using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>The embete's questions on the application; the applicant answers each open one here.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class QuestionsModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public Application Application { get; private set; } = null!;

    public string EmbeteName { get; private set; } = "";

    public IReadOnlyList<InformationRequest> Questions { get; private set; } = [];

    /// <summary>The question the posted answer belongs to.</summary>
    [BindProperty]
    public Guid QuestionId { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>The id of a question's answer field; the error summary links to it.</summary>
    public static string FieldId(Guid questionId) => $"answer-{questionId}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // Binding messages are English; the action's own messages are what the user sees.
        ModelState.Clear();
        try
        {
            switch (await AnswerQuestion.HandleAsync(db, me, time, id, QuestionId, Answer, ct))
            {
                case AnswerQuestion.Answered:
                    Message = Texts.Questions_Sent;
                    return RedirectToPage(new { id });
                case AnswerQuestion.Invalid invalid:
                    foreach (var message in invalid.Errors.Values.SelectMany(m => m))
                    {
                        ModelState.AddModelError(FieldId(QuestionId), message);
                    }
                    break;
            }
        }
        catch (NotFoundException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (RuleViolationException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        EmbeteName = await db.Embeter.Where(e => e.Id == Application.EmbeteId).Select(e => e.NameBokmal).SingleAsync(ct);
        var questions = await db.InformationRequests.AsNoTracking().Where(q => q.ApplicationId == Application.Id).ToListAsync(ct);
        Questions = [.. questions.OrderBy(q => q.AskedAt)];
        return true;
    }
}
