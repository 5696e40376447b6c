using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>Part 2: competence measures, one row per education type of the scheme year. Rows are added, copied and deleted by plain form posts.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class CompetenceModel(PartEditors editors, Data.AppDbContext db, CurrentUser me) : PageModel
{
    public PartEditor Part { get; } = editors.For(new PartShape(
        ApplicationStep.Competence,
        field => ApplicationSteps.Of(field) == ApplicationStep.Competence,
        [".EducationType", ".Amount", ".Persons", ".ContinuingPersons", ".Description"])
    {
        HasContent = content => content.CompetenceMeasures.Count > 0,
    });

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The version the form was read at (<see cref="PartEditor.Version"/>).</summary>
    [BindProperty] public int Version { get => Part.Version; set => Part.Version = value; }

    public sealed class MeasureForm
    {
        public string? EducationType { get; set; }
        public string? Amount { get; set; }
        public string? Persons { get; set; }
        public string? ContinuingPersons { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public List<MeasureForm> CompetenceMeasures { get; set; } = [];

    /// <summary>Continuing persons from the organisation's last sent report, offered to fill in.</summary>
    public ContinuingFromReportResponse Continuing { get; private set; } = new(null, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        CompetenceMeasures = Part.View.Content.CompetenceMeasures.Select(m => new MeasureForm
        {
            EducationType = m.EducationType,
            Amount = NumberInput.Text(m.Amount),
            Persons = NumberInput.Text(m.Persons),
            ContinuingPersons = NumberInput.Text(m.ContinuingPersons),
            Description = m.Description,
        }).ToList();
        if (CompetenceMeasures.Count == 0 && Part.IsEditable)
        {
            CompetenceMeasures.Add(new MeasureForm()); // an empty row to start typing in; not saved until something is written
        }
        Part.ShowMessages(ModelState, showIssues: PartEditor.CheckRequested(Request));
        if (Part.IsEditable && me.OrganisationId is { } organisation)
        {
            Continuing = await ContinuingFromReport.LoadAsync(db, organisation, Part.View.Application.SchemeYear, ct);
        }
        return Page();
    }

    /// <summary>Fills in the continuing persons from the last sent report, then saves like any other change of the rows.</summary>
    public async Task<IActionResult> OnPostCopyContinuingAsync(CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, Id, ct);
        var continuing = await ContinuingFromReport.LoadAsync(db, application.OrganisationId, application.SchemeYear, ct);
        return await SaveAsync(rows => ContinuingFromReport.Apply(rows, continuing.Persons), ct);
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


    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct) => await Part.AutosaveAsync(Id, Apply, ct);

    private async Task<IActionResult> SaveAsync(Action<List<MeasureForm>>? change, CancellationToken ct) =>
        this.Answer(await Part.PostAsync(Id, change is null ? null : () => change(CompetenceMeasures), Apply, Request.Form["next"] == "true", ModelState, ct), Id);

    private ApplicationContent Apply(ApplicationContent stored)
    {
        var measures = new List<CompetenceMeasure>();
        for (var i = 0; i < CompetenceMeasures.Count; i++)
        {
            var r = CompetenceMeasures[i];
            var at = $"CompetenceMeasures[{i}]";
            measures.Add(new CompetenceMeasure
            {
                EducationType = FormFields.Trimmed(r.EducationType),
                Amount = Part.Number($"{at}.Amount", r.Amount, NumberKind.Amount),
                Persons = NumberInput.Persons(Part.Number($"{at}.Persons", r.Persons, NumberKind.Persons)),
                ContinuingPersons = NumberInput.Persons(Part.Number($"{at}.ContinuingPersons", r.ContinuingPersons, NumberKind.Persons)),
                Description = FormFields.Trimmed(r.Description),
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
