using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// What every part page does with its part, as a service the page holds (<see cref="PartEditors.For"/>): loads the
/// caller's own application (another organisation's is "not found"), saves the part on top of the stored rest through
/// <see cref="SaveDraft"/> with the form's version, keeps what a conflict or unreadable input means for the form, and
/// puts messages in ModelState in the order of the form. The page owns its form and what the form changes.
/// </summary>
public sealed class PartEditor(AppDbContext db, CurrentUser me, TimeProvider time, PartShape shape)
{
    private static readonly System.Text.CompositeFormat SavedAtFormat = System.Text.CompositeFormat.Parse(Texts.Part_SavedAt);
    private static readonly System.Text.CompositeFormat ConflictFormat = System.Text.CompositeFormat.Parse(Texts.Part_Conflict);

    /// <summary>Form field name (e.g. "CompetenceMeasures[0].Amount") to message, for text that could not be read.</summary>
    private readonly Dictionary<string, string> _inputErrors = new(StringComparer.Ordinal);

    public ApplicationStep Step => shape.Step;

    /// <summary>The version the form was read at; a stale one is a conflict, never an overwrite.</summary>
    public int Version { get; set; }

    internal ApplicationView View { get; private set; } = null!;

    public bool IsEditable => View.Application.IsEditable;

    /// <summary>Shown at the top when someone else saved in between; the form keeps what the user typed.</summary>
    public string? ConflictMessage { get; private set; }

    public string? SavedMessage { get; private set; }

    /// <summary>After a conflict: form field to what is stored now, for each field of this part where that differs from the form.</summary>
    public IReadOnlyDictionary<string, string> StoredValues { get; private set; } = new Dictionary<string, string>();

    /// <summary>False on a first look at a part: its errors and warnings wait until a save.</summary>
    public bool ShowingIssues { get; private set; } = true;

    /// <summary>True on a GET that should show the part's errors (links from the summary carry ?kontroll=1).</summary>
    public static bool CheckRequested(HttpRequest request) => request.Query.ContainsKey("kontroll");

    /// <summary>Loads the caller's own application, or returns false (the page answers 404).</summary>
    public async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
            View = await ApplicationView.LoadAsync(db, application, time.GetUtcNow(), ct);
            Version = application.Version;
            // A part the year does not offer this applicant is not a page, unless something was saved there to remove.
            return ApplicationSteps.Offered(View.Rules.OfferedParts).Contains(shape.Step) || shape.HasContent(View.Content);
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>Autosave from wwwroot/js/autosave.js: saves the part and answers with version and issues as JSON.</summary>
    public async Task<IActionResult> AutosaveAsync(Guid id, Func<ApplicationContent, ApplicationContent> apply, CancellationToken ct)
    {
        if (!shape.HasForm || !await LoadForPostAsync(id, ct))
        {
            return new NotFoundResult();
        }
        var result = await SaveAsync(id, apply, ct);
        return AutosaveAnswer.Of(result, Version, View, _inputErrors.Count > 0, SavedMessage, ConflictMessage, PartIssues());
    }

    /// <summary>
    /// Saves the part from a form post, after an optional change to its rows (add, copy, delete). Goes on to the next
    /// step only when asked (<paramref name="next"/>), nothing was refused and no row was changed; otherwise the part
    /// is shown again with its messages in <paramref name="modelState"/>.
    /// </summary>
    public async Task<PartPosted> PostAsync(
        Guid id, Action? change, Func<ApplicationContent, ApplicationContent> apply, bool next, ModelStateDictionary modelState, CancellationToken ct)
    {
        if (!await LoadForPostAsync(id, ct))
        {
            return new PartPosted.NotFound();
        }
        change?.Invoke();
        var result = await SaveAsync(id, apply, ct);
        if (change is null && result == SaveResult.Saved && _inputErrors.Count == 0 && next)
        {
            return new PartPosted.GoOn(ApplicationSteps.Next(View.Rules.OfferedParts, shape.Step));
        }
        ShowMessages(modelState);
        return new PartPosted.ShowAgain();
    }

    /// <summary>Loads the application but keeps the version the form was filled in from, so a stale form is caught.</summary>
    private async Task<bool> LoadForPostAsync(Guid id, CancellationToken ct)
    {
        var formVersion = Version;
        if (!await LoadAsync(id, ct))
        {
            return false;
        }
        Version = formVersion;
        return true;
    }

    /// <summary>Saves this part (the rest as stored) with the form's version; the view then holds the newest state.</summary>
    private async Task<SaveResult> SaveAsync(Guid id, Func<ApplicationContent, ApplicationContent> apply, CancellationToken ct)
    {
        if (!View.Application.IsEditable)
        {
            return SaveResult.NotEditable;
        }
        var content = apply(View.Content);
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
        var outcome = await SaveDraft.HandleAsync(db, me, time, id, input, ct);
        switch (outcome)
        {
            case SaveDraft.Saved s:
                View = s.View;
                Version = s.View.Application.Version;
                SavedMessage = string.Format(Texts.Culture, SavedAtFormat, Format.Time(s.View.Application.UpdatedAt));
                return SaveResult.Saved;
            case SaveDraft.Conflict c:
                // Keep the user's text in the form; the next save is made knowingly on top of the newest version.
                StoredValues = ConflictValues.Differences(content, c.Current.Content, shape.BelongsHere, shape.FieldKey);
                View = c.Current;
                Version = c.Current.Application.Version;
                ConflictMessage = string.Format(Texts.Culture, ConflictFormat,
                    c.Current.Application.UpdatedByName ?? Texts.Part_SomeoneElse, Format.Deadline(c.Current.Application.UpdatedAt));
                return SaveResult.Conflict;
            case SaveDraft.Invalid i:
                foreach (var (path, messages) in i.Errors)
                {
                    _inputErrors.TryAdd(FormFields.FormKey(path), messages[0]);
                }
                return SaveResult.Invalid;
            default:
                throw new InvalidOperationException(outcome.GetType().Name);
        }
    }

    /// <summary>"Lagret nå: «…»" under a field after a conflict, so the user sees the other version without losing their own.</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent StoredValue(string key) => ConflictValues.Line(StoredValues, key);

    /// <summary>The issues of this page's part, keyed by form field; warnings and errors alike.</summary>
    public IEnumerable<(string Key, ValidationIssue Issue)> PartIssues() =>
        View.Issues.Where(i => shape.BelongsHere(i.Field)).Select(i => (shape.FieldKey(i.Field), i));

    /// <summary>
    /// Puts input errors and the part's error issues in ModelState, so the fields and the error summary show
    /// them in the order of the form. A first look at a part (a GET without "kontroll") shows no errors yet:
    /// red marks before the user has typed anything help no one. After a save, or coming from the summary's list, they show.
    /// </summary>
    public void ShowMessages(ModelStateDictionary modelState, bool showIssues = true)
    {
        // After a conflict the issues describe the other version, not what the form shows: only the form's own errors apply.
        showIssues = showIssues && ConflictMessage is null;
        ShowingIssues = showIssues;
        modelState.Clear();
        var errors = _inputErrors.Select(x => (x.Key, Message: x.Value)).ToList();
        if (showIssues)
        {
            errors.AddRange(PartIssues()
                .Where(x => x.Issue.Severity == IssueSeverity.Error && !_inputErrors.ContainsKey(x.Key))
                .Select(x => (x.Key, x.Issue.Message)));
        }
        foreach (var (key, message) in errors.OrderBy(e => FormFields.Order(e.Key, shape.FieldOrder)))
        {
            modelState.AddModelError(key, message);
        }
    }

    /// <summary>Reads a number as typed (<see cref="NumberInput"/>); text that is not one is kept with a message and saved as empty.</summary>
    public long? Number(string key, string? text, NumberKind kind)
    {
        var reading = NumberInput.Read(text, kind);
        if (reading.Error is { } error)
        {
            _inputErrors[key] = error;
        }
        return reading.Value;
    }
}
