using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Assessment;

/// <summary>One case: the submitted application, the impartiality declaration, the assessment per line and the questions to the applicant.</summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed partial class CasePageModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
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
    [FromQuery(Name = "ok")] public string? Done { get; set; }

    internal CaseView View { get; private set; } = null!;
    internal IReadOnlyDictionary<string, LineAssessment> Assessed { get; private set; } = new Dictionary<string, LineAssessment>();
    public bool MayAssess { get; private set; }
    public string? Message { get; private set; }

    /// <summary>Amounts that could not be read as whole numbers, by line index, shown back as typed.</summary>
    public IReadOnlyDictionary<int, string> UnreadableAmounts { get; private set; } = new Dictionary<int, string>();
    public CurrentUser Me => me;

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Message = Done switch
        {
            "habil" => View.CaseFile?.IsAssignedTo(me.Id ?? "") == true
                ? "Du har erklært deg habil, og saken er tildelt deg."
                : "Du har erklært deg habil.",
            "inhabil" => View.CaseFile?.AssignedOfficerName is { } name
                ? $"Du har erklært deg inhabil. Saken er overført til {name}."
                : "Du har erklært deg inhabil. Ingen annen saksbehandler kunne ta saken; en leder må fordele den.",
            "vurdert" => "Vurderingen er lagret.",
            "spurt" => "Spørsmålet er sendt til søkeren. Saken venter på svar.",
            _ => null,
        };
        Note = View.CaseFile?.InternalNote;
        ExtraConditions = View.CaseFile?.ExtraConditions;
        Completed = View.Status == CaseStatus.Assessed;
        Version = View.CaseFile?.Version;
    }

    /// <summary>A post without a known handler: show the case again (or 404 when it is not the caller's).</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Redirect($"/saksbehandling/sak/{id}");
    }

    public async Task<IActionResult> OnPostDeclareAsync(Guid id, CancellationToken ct)
    {
        if (Conflict is null)
        {
            ModelState.Clear();
            ModelState.AddModelError("conflict", "Velg om du er habil eller inhabil.");
            await LoadAsync(id, ct);
            return Page();
        }
        return await TryAsync(id, "conflict", async () =>
        {
            var (_, errors) = await CaseActions.DeclareImpartialityAsync(db, me, time, id, new(Conflict.Value, Reason), ct);
            return (errors, Conflict.Value ? "inhabil" : "habil");
        }, ct);
    }

    public Task<IActionResult> OnPostAssessAsync(Guid id, CancellationToken ct) =>
        TryAsync(id, "lines", async () =>
        {
            var input = new CaseActions.AssessmentInput(Version,
                Lines.Select(l => new CaseActions.LineAssessmentInput(l.LineId, l.Score, l.Amount, l.Reason)).ToList(), Note, Completed, ExtraConditions);
            return (await CaseActions.AssessAsync(db, me, time, id, input, ct), "vurdert");
        }, ct);

    public Task<IActionResult> OnPostAskAsync(Guid id, CancellationToken ct) =>
        TryAsync(id, "question", async () => (await CaseActions.AskApplicantAsync(db, me, time, id, Question, ct), "spurt"), ct);

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
                    ModelState.AddModelError(FieldId(index, "amount"), "Skriv beløpet med hele tall uten mellomrom, for eksempel 90000.");
                }
            }
            if (typed.Count < unreadable.Count)
            {
                ModelState.AddModelError(field, "Noe av det du sendte, kunne ikke leses. Sjekk feltene og prøv igjen.");
            }
            UnreadableAmounts = typed;
            await LoadAsync(id, ct);
            return Page();
        }
        var done = "";
        if (await PageWrites.TryAsync(ModelState, field,
                "Noen andre endret saken samtidig. Last inn siden på nytt; det du skrev, er ikke lagret.",
                async () =>
                {
                    var (errors, what) = await action();
                    done = what;
                    return errors;
                }))
        {
            return Redirect($"/saksbehandling/sak/{id}?ok={done}");
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
        (5, "5 – svært godt i tråd med prioriteringene"), (4, "4 – godt"), (3, "3 – middels"), (2, "2 – svakt"), (1, "1 – svært svakt"),
        (0, "0 – skal ikke ha tilskudd"),
    ];

    [System.Text.RegularExpressions.GeneratedRegex(@"^Lines\[(\d{1,4})\]\.Amount$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex UnreadableAmount();
}
