using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 2: competence measures, one row per education type of the scheme year. Rows are added, copied and deleted by plain form posts.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class CompetenceModel(AppDbContext db, CurrentUser me, TimeProvider time) : PartPage(db, me, time)
{
    public sealed class MeasureForm
    {
        public string? EducationType { get; set; }
        public string? Amount { get; set; }
        public string? Persons { get; set; }
        public string? ContinuingPersons { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public List<MeasureForm> CompetenceMeasures { get; set; } = [];

    public override ApplicationStep Step => ApplicationStep.Competence;

    protected override bool HasContent(ApplicationContent content) => content.CompetenceMeasures.Count > 0;

    protected override IReadOnlyList<string> FieldOrder { get; } = [".EducationType", ".Amount", ".Persons", ".ContinuingPersons", ".Description"];

    protected override bool BelongsHere(string field) => ApplicationSteps.Of(field) == ApplicationStep.Competence;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        CompetenceMeasures = View.Content.CompetenceMeasures.Select(m => new MeasureForm
        {
            EducationType = m.EducationType,
            Amount = Text(m.Amount),
            Persons = Text(m.Persons),
            ContinuingPersons = Text(m.ContinuingPersons),
            Description = m.Description,
        }).ToList();
        if (CompetenceMeasures.Count == 0 && View.Application.IsEditable)
        {
            CompetenceMeasures.Add(new MeasureForm()); // an empty row to start typing in; not saved until something is written
        }
        ShowMessages(showIssues: CheckRequested);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);

    public Task<IActionResult> OnPostAddRowAsync(CancellationToken ct) => SaveAsync(rows => rows.Add(new MeasureForm()), ct);

    public Task<IActionResult> OnPostCopyRowAsync(int row, CancellationToken ct) => SaveAsync(rows =>
    {
        if (row >= 0 && row < rows.Count)
        {
            var r = rows[row];
            rows.Insert(row + 1, new MeasureForm { EducationType = r.EducationType, Amount = r.Amount, Persons = r.Persons, ContinuingPersons = r.ContinuingPersons, Description = r.Description });
        }
    }, ct);

    public Task<IActionResult> OnPostDeleteRowAsync(int row, CancellationToken ct) => SaveAsync(rows =>
    {
        if (row >= 0 && row < rows.Count)
        {
            rows.RemoveAt(row);
        }
    }, ct);


    private Task<IActionResult> SaveAsync(Action<List<MeasureForm>>? change, CancellationToken ct) =>
        SaveAndContinueAsync(change is null ? null : () => change(CompetenceMeasures), ct);

    protected override ApplicationContent Apply(ApplicationContent stored)
    {
        var measures = new List<CompetenceMeasure>();
        for (var i = 0; i < CompetenceMeasures.Count; i++)
        {
            var r = CompetenceMeasures[i];
            var at = $"CompetenceMeasures[{i}]";
            measures.Add(new CompetenceMeasure
            {
                EducationType = Trimmed(r.EducationType),
                Amount = ParseNumber($"{at}.Amount", r.Amount, NumberKind.Amount),
                Persons = Persons(ParseNumber($"{at}.Persons", r.Persons, NumberKind.Persons)),
                ContinuingPersons = Persons(ParseNumber($"{at}.ContinuingPersons", r.ContinuingPersons, NumberKind.Persons)),
                Description = Trimmed(r.Description),
            });
        }
        // Empty rows at the end are not measures: kept on screen, not saved. Rows in between keep their place, so row numbers match the form.
        while (measures.Count > 0 && measures[^1] == new CompetenceMeasure())
        {
            measures.RemoveAt(measures.Count - 1);
        }
        return stored with { CompetenceMeasures = measures };
    }
}
