using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Assessment;

/// <summary>One case: the submitted application, the impartiality declaration, the assessment per line and the questions to the applicant.</summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed partial class CaseModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public sealed class LineInput
    {
        public string? LineId { get; set; }
        public int? Score { get; set; }
        public long? Amount { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public List<LineInput> Lines { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? ExtraConditions { get; set; }
    [BindProperty] public bool Completed { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public bool? Conflict { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public string? OfficerId { get; set; }
    [FromQuery(Name = "ok")] public string? Done { get; set; }

    internal CaseView View { get; private set; } = null!;
    internal IReadOnlyDictionary<string, LineAssessment> Assessed { get; private set; } = new Dictionary<string, LineAssessment>();
    public bool MayAssess { get; private set; }
    /// <summary>The embete's case officers, for the leader's assignment control; empty for everyone else.</summary>
    internal IReadOnlyList<Actor> Officers { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>Amounts that could not be read as whole numbers, by line index, shown back as typed.</summary>
    public IReadOnlyDictionary<int, string> UnreadableAmounts { get; private set; } = new Dictionary<int, string>();
    public CurrentUser Me => me;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Message = Done switch
        {
            "habil" => View.CaseFile?.IsAssignedTo(me.Id ?? "") == true ? AssessmentTexts.Impartiality_Declared
                : View.CaseFile?.AssignedOfficerName is { } name ? Format.Text(AssessmentTexts.Impartiality_DeclaredAssignedTo, name)
                : AssessmentTexts.Impartiality_DeclaredUnassigned,
            "inhabil" => AssessmentTexts.Impartiality_Conflict,
            "vurdert" => AssessmentTexts.Case_Done_Assessed,
            "spurt" => AssessmentTexts.Case_Done_Asked,
            "tildelt" => Format.Text(AssessmentTexts.Assign_Done, View.CaseFile?.AssignedOfficerName),
            _ => null,
        };
        Note = View.HasConflict(me.Id) ? null : View.CaseFile?.InternalNote;
        ExtraConditions = View.CaseFile?.ExtraConditions;
        Completed = View.Status == CaseStatus.Assessed;
        Version = View.CaseFile?.Version;
    }

    /// <summary>A post without a known handler: show the case again (or 404 when it is not the caller's).</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeclareAsync(Guid id, CancellationToken ct)
    {
        if (Conflict is null)
        {
            ModelState.Clear();
            ModelState.AddModelError("conflict", AssessmentTexts.Impartiality_ChooseOne);
            await LoadAsync(id, ct);
            return Page();
        }
        return await TryAsync(id, "conflict", async () =>
        {
            var outcome = await DeclareImpartiality.HandleAsync(db, me, time, id, new(Conflict.Value, Reason), ct);
            return (outcome is DeclareImpartiality.Invalid i ? i.Errors : new FieldErrors(), Conflict.Value ? "inhabil" : "habil");
        }, ct);
    }

    public Task<IActionResult> OnPostAssessAsync(Guid id, CancellationToken ct) =>
        TryAsync(id, "lines", async () =>
        {
            var input = new AssessCase.Input(Version,
                Lines.Select(l => new AssessCase.LineInput(l.LineId, l.Score, l.Amount, l.Reason)).ToList(), Note, Completed, ExtraConditions);
            var outcome = await AssessCase.HandleAsync(db, me, time, id, input, ct);
            return (outcome is AssessCase.Invalid i ? i.Errors : new FieldErrors(), "vurdert");
        }, ct);

    public Task<IActionResult> OnPostAskAsync(Guid id, CancellationToken ct) =>
        TryAsync(id, "question", async () =>
        {
            var outcome = await AskApplicant.HandleAsync(db, me, time, id, Question, ct);
            return (outcome is AskApplicant.Invalid i ? i.Errors : new FieldErrors(), "spurt");
        }, ct);

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) =>
        TryAsync(id, "officerId", async () =>
        {
            var outcome = await AssignCase.HandleAsync(db, me, time, id, OfficerId, ct);
            return (outcome is AssignCase.Invalid i ? i.Errors : new FieldErrors(), "tildelt");
        }, ct);

    private async Task<IActionResult> TryAsync(Guid id, string field, Func<Task<(FieldErrors Errors, string Done)>> action, CancellationToken ct)
    {
        // Model binding's entries are keyed by the posted names ("Lines[2].Amount"). ModelState keys are
        // case-insensitive, so a later "lines[2].amount" error would take that casing and the error summary
        // would link to "#Lines_2__Amount", an id that is not on the page. Start clean, and refuse an amount
        // that could not be read instead of silently taking the applied amount in its place.
        var unreadable = ModelState.Where(kv => kv.Value is { Errors.Count: > 0 }).Select(kv => kv.Key).ToList();
        var attempted = unreadable.ToDictionary(k => k, k => ModelState[k]?.AttemptedValue, StringComparer.Ordinal);
        var typed = new Dictionary<int, string>();
        ModelState.Clear();
        if (unreadable.Count > 0)
        {
            foreach (var key in unreadable)
            {
                var match = UnreadableAmount().Match(key);
                if (match.Success)
                {
                    var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    typed[index] = attempted.GetValueOrDefault(key) ?? "";
                    ModelState.AddModelError(FieldId(index, "amount"), AssessmentTexts.Case_AmountUnreadable);
                }
            }
            if (typed.Count < unreadable.Count)
            {
                ModelState.AddModelError(field, AssessmentTexts.Case_PostUnreadable);
            }
            UnreadableAmounts = typed;
            await LoadAsync(id, ct);
            return Page();
        }
        var done = "";
        if (await PageWrites.TryAsync(ModelState, field,
                AssessmentTexts.Case_ChangedMeanwhile,
                async () =>
                {
                    var (errors, what) = await action();
                    done = what;
                    return errors;
                }))
        {
            return RedirectToPage(new { id, ok = done });
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        View = await CaseAccess.LoadViewAsync(db, me, id, ct);
        Assessed = (View.CaseFile?.ReadAssessments() ?? []).ToDictionary(a => a.LineId, StringComparer.Ordinal);
        MayAssess = View.MayAssess(me);
        Officers = me.IsInRole(Roles.Approver)
            && await db.RoundStatusAsync(View.Application.EmbeteId, View.Application.SchemeYear, ct) is not (RoundStatus.AwaitingApproval or RoundStatus.Approved)
            ? await CaseRules.OfficersAsync(db, View.Application, ct) : [];
    }

    /// <summary>What the form shows for a line: what was just typed after an error, else what is stored.</summary>
    public (int? Score, long? Amount, string? Reason) Shown(int index, CaseLine line)
    {
        if (Lines.Count > index && Lines[index].LineId == line.Id)
        {
            return (Lines[index].Score, Lines[index].Amount, Lines[index].Reason);
        }
        return Assessed.TryGetValue(line.Id, out var a) ? (a.Score, a.Amount, a.Reason) : (null, null, null);
    }

    public static string FieldId(int index, string field) => $"lines_{index}__{field}";

    public static readonly IReadOnlyList<(int Score, string Name)> Scores =
    [
        (5, AssessmentTexts.Case_Score5), (4, AssessmentTexts.Case_Score4), (3, AssessmentTexts.Case_Score3), (2, AssessmentTexts.Case_Score2),
        (1, AssessmentTexts.Case_Score1), (0, AssessmentTexts.Case_Score0),
    ];

    [System.Text.RegularExpressions.GeneratedRegex(@"^Lines\[(\d{1,4})\]\.Amount$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex UnreadableAmount();
}
