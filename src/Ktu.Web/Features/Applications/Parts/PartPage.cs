using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// What every part page of the application shares: loading the caller's own application (another
/// organisation's is "not found"), saving one part on top of the stored rest through the SaveDraft
/// handler, and turning issues and input errors into field messages. Forms bind numbers as text so
/// "12a" is shown back as typed, with a message, instead of silently becoming empty.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public abstract class PartPage(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>The version the form was read at; a stale one is a conflict, never an overwrite.</summary>
    [BindProperty]
    public int Version { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    internal ApplicationView View { get; private set; } = null!;

    /// <summary>Shown at the top when someone else saved in between; the form keeps what the user typed.</summary>
    public string? ConflictMessage { get; private set; }

    public string? SavedMessage { get; private set; }

    /// <summary>Field name in the form (e.g. "CompetenceMeasures[0].Amount") to message, for text that could not be read.</summary>
    protected Dictionary<string, string> InputErrors { get; } = new(StringComparer.Ordinal);

    protected AppDbContext Db => db;

    protected CurrentUser Me => me;

    protected TimeProvider Time => time;

    public abstract ApplicationStep Step { get; }

    public bool IsEditable => View.Application.IsEditable;

    /// <summary>What this part's form changes in the stored content; everything else is kept as stored.</summary>
    protected virtual ApplicationContent Apply(ApplicationContent stored) => stored;

    /// <summary>False for pages that show the application without a form of their own (the summary).</summary>
    protected virtual bool HasPartForm => true;

    /// <summary>Runs after every save, e.g. to line saved rows up with the form.</summary>
    protected virtual void AfterSave()
    {
    }

    /// <summary>Where "Lagre og gå videre" leads.</summary>
    protected virtual ApplicationStep NextStep => ApplicationSteps.Next(View.Rules.OfferedParts, Step);

    /// <summary>Autosave from wwwroot/js/autosave.js: saves the part and answers with version and issues as JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        if (!HasPartForm || !await LoadForPostAsync(ct))
        {
            return NotFound();
        }
        var result = await SavePartAsync(Apply, ct);
        AfterSave();
        return JsonResultOf(result);
    }

    /// <summary>
    /// Saves the part, after an optional change to its rows (add, copy, delete). Goes on to the next step
    /// only when asked, nothing was refused and no row was changed; otherwise shows the part again.
    /// </summary>
    protected async Task<IActionResult> SaveAndContinueAsync(Action? change, CancellationToken ct)
    {
        if (!await LoadForPostAsync(ct))
        {
            return NotFound();
        }
        change?.Invoke();
        var result = await SavePartAsync(Apply, ct);
        AfterSave();
        if (change is null && result == SaveResult.Saved && InputErrors.Count == 0 && Request.Form["next"] == "true")
        {
            return Redirect(ApplicationSteps.Path(Id, NextStep));
        }
        ShowMessages();
        return Page();
    }

    /// <summary>Loads the application but keeps the version the form was filled in from, so a stale form is caught.</summary>
    private async Task<bool> LoadForPostAsync(CancellationToken ct)
    {
        var formVersion = Version;
        if (!await LoadAsync(ct))
        {
            return false;
        }
        Version = formVersion;
        return true;
    }

    /// <summary>Loads the caller's own application, or returns false (the page answers 404).</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            var application = await ApplicationAccess.LoadOwnAsync(db, me, Id, ct);
            View = await ApplicationView.LoadAsync(db, application, time.GetUtcNow(), ct);
            Version = application.Version;
            // A part the year does not offer this applicant is not a page, unless something was saved there to remove.
            return ApplicationSteps.Offered(View.Rules.OfferedParts).Contains(Step) || HasContent(View.Content);
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>Saves this part (the rest as stored) with the form's version; the view then holds the newest state.</summary>
    internal async Task<SaveResult> SavePartAsync(Func<ApplicationContent, ApplicationContent> withPart, CancellationToken ct)
    {
        if (!View.Application.IsEditable)
        {
            return SaveResult.NotEditable;
        }
        var content = withPart(View.Content);
        var input = new ApplicationInput
        {
            Version = Version,
            AccountNumber = content.AccountNumber,
            PaymentRemark = content.PaymentRemark,
            Contact = content.Contact,
            CompetencePlanAdopted = content.CompetencePlanAdopted,
            Description = content.Description,
            CompetenceMeasures = content.CompetenceMeasures,
            BpaTrainings = content.BpaTrainings,
            Projects = content.Projects,
        };
        var outcome = await SaveDraft.HandleAsync(db, me, time, Id, input, ct);
        switch (outcome)
        {
            case SaveDraft.Saved s:
                View = s.View;
                Version = s.View.Application.Version;
                SavedMessage = string.Format(Texts.Culture, SavedAtFormat, Format.Time(s.View.Application.UpdatedAt));
                return SaveResult.Saved;
            case SaveDraft.Conflict c:
                // Keep the user's text in the form; the next save is made knowingly on top of the newest version.
                StoredValues = ConflictValues.Differences(content, c.Current.Content, BelongsHere, FieldKey);
                View = c.Current;
                Version = c.Current.Application.Version;
                ConflictMessage = string.Format(Texts.Culture, ConflictFormat,
                    c.Current.Application.UpdatedByName ?? Texts.Part_SomeoneElse, Format.Deadline(c.Current.Application.UpdatedAt));
                return SaveResult.Conflict;
            case SaveDraft.Invalid i:
                foreach (var (path, messages) in i.Errors)
                {
                    InputErrors.TryAdd(FormKey(path), messages[0]);
                }
                return SaveResult.Invalid;
            default:
                throw new InvalidOperationException(outcome.GetType().Name);
        }
    }

    /// <summary>After a conflict: form field to what is stored now, for each field of this part where that differs from the form.</summary>
    public IReadOnlyDictionary<string, string> StoredValues { get; private set; } = new Dictionary<string, string>();

    /// <summary>"Lagret nå: «…»" under a field after a conflict, so the user sees the other version without losing their own.</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent StoredValue(string key) => ConflictValues.Line(StoredValues, key);

    /// <summary>The issues of this page's part, keyed by form field; warnings and errors alike.</summary>
    public IEnumerable<(string Key, ValidationIssue Issue)> PartIssues() =>
        View.Issues.Where(i => BelongsHere(i.Field)).Select(i => (FieldKey(i.Field), i));

    /// <summary>
    /// Puts input errors and the part's error issues in ModelState, so the fields and the error summary show
    /// them in the order of the form. A first look at a part (a GET without "kontroll") shows no errors yet:
    /// red marks before the user has typed anything help no one. After a save, or coming from the summary's list, they show.
    /// </summary>
    protected void ShowMessages(bool showIssues = true)
    {
        // After a conflict the issues describe the other version, not what the form shows: only the form's own errors apply.
        showIssues = showIssues && ConflictMessage is null;
        ShowingIssues = showIssues;
        ModelState.Clear();
        var errors = InputErrors.Select(x => (x.Key, Message: x.Value)).ToList();
        if (showIssues)
        {
            errors.AddRange(PartIssues()
                .Where(x => x.Issue.Severity == IssueSeverity.Error && !InputErrors.ContainsKey(x.Key))
                .Select(x => (x.Key, x.Issue.Message)));
        }
        foreach (var (key, message) in errors.OrderBy(e => FormFields.Order(e.Key, FieldOrder)))
        {
            ModelState.AddModelError(key, message);
        }
    }

    /// <summary>False on a first look at a part: its errors and warnings wait until a save.</summary>
    public bool ShowingIssues { get; private set; } = true;

    /// <summary>True on a GET that should show the part's errors (links from the summary carry ?kontroll=1).</summary>
    protected bool CheckRequested => Request.Query.ContainsKey("kontroll");

    /// <summary>Field names of a row or the page in the order they stand in the form.</summary>
    protected virtual IReadOnlyList<string> FieldOrder => [];

    /// <summary>True when this page's part holds anything in the stored content.</summary>
    protected virtual bool HasContent(ApplicationContent content) => false;

    /// <summary>True when an issue path belongs to this page's part.</summary>
    protected abstract bool BelongsHere(string field);

    /// <summary>The form field an issue path points at; parts whose rows are not 1:1 with the form override it.</summary>
    protected virtual string FieldKey(string field) => FormKey(field);

    /// <summary>"competenceMeasures[0].amount" as the form names it: "CompetenceMeasures[0].Amount".</summary>
    public static string FormKey(string path) => FormFields.FormKey(path);

    /// <summary>The id a tag helper gives the field named <paramref name="key"/>.</summary>
    public static string IdOf(string key) => FormFields.IdOf(key);

    private static readonly System.Text.CompositeFormat SavedAtFormat = System.Text.CompositeFormat.Parse(Texts.Part_SavedAt);
    private static readonly System.Text.CompositeFormat ConflictFormat = System.Text.CompositeFormat.Parse(Texts.Part_Conflict);

    protected IActionResult JsonResultOf(SaveResult result) =>
        AutosaveAnswer.Of(result, Version, View, InputErrors.Count > 0, SavedMessage, ConflictMessage, PartIssues());

    /// <summary>Reads a number as typed (<see cref="NumberInput"/>); text that is not one is kept with a message and saved as empty.</summary>
    protected long? ParseNumber(string key, string? text, NumberKind kind)
    {
        var reading = NumberInput.Read(text, kind);
        if (reading.Error is { } error)
        {
            InputErrors[key] = error;
        }
        return reading.Value;
    }

    protected static int? Persons(long? value) => NumberInput.Persons(value);

    protected static string? Text(long? value) => NumberInput.Text(value);

    protected static string? Trimmed(string? text) => FormFields.Trimmed(text);
}
