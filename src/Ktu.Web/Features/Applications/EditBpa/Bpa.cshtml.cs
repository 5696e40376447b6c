using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Part 3: BPA training. One line per role in the scheme's priority order (work leaders, caseworkers,
/// assistants); a line left empty is not applied for. The total per line is computed.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class BpaModel : PageModel
{
    public static readonly BpaRole[] Roles = [BpaRole.WorkLeader, BpaRole.Caseworker, BpaRole.Assistant];

    public BpaModel(PartEditors editors) => Part = editors.For(new PartShape(
        ApplicationStep.Bpa,
        field => ApplicationSteps.Of(field) == ApplicationStep.Bpa,
        [".Persons", ".AmountPerPerson"])
    {
        HasContent = content => content.BpaTrainings.Count > 0,
        FieldKey = LineKey,
    });

    public PartEditor Part { get; }

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The version the form was read at (<see cref="PartEditor.Version"/>).</summary>
    [BindProperty] public int Version { get => Part.Version; set => Part.Version = value; }

    public sealed class LineForm
    {
        public string? Persons { get; set; }
        public string? AmountPerPerson { get; set; }
    }

    /// <summary>Always three lines, in <see cref="Roles"/> order.</summary>
    [BindProperty] public List<LineForm> BpaTrainings { get; set; } = [];

    /// <summary>
    /// The form field of an issue path: saved rows hold only the lines typed in, so saved row i is the line of its
    /// role (as stored now), and a missing role is shown on the line's number of persons.
    /// </summary>
    private string LineKey(string field)
    {
        var m = System.Text.RegularExpressions.Regex.Match(field, @"^bpaTrainings\[(\d+)\](.*)$");
        var saved = Part.View.Content.BpaTrainings;
        if (m.Success && int.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var row) && row < saved.Count)
        {
            var line = saved[row].Role is { } role ? Array.IndexOf(Roles, role) : 0;
            var rest = m.Groups[2].Value == ".role" ? ".Persons" : FormFields.FormKey(m.Groups[2].Value);
            return $"BpaTrainings[{line}]{rest}";
        }
        return FormFields.FormKey(field);
    }

    public long? LineTotal(int line) => Part.View.Content.BpaTrainings.FirstOrDefault(b => b.Role == Roles[line])?.Total;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Part.LoadAsync(Id, ct))
        {
            return NotFound();
        }
        BpaTrainings = Roles.Select(role => Part.View.Content.BpaTrainings.FirstOrDefault(b => b.Role == role) is { } b
            ? new LineForm { Persons = NumberInput.Text(b.Persons), AmountPerPerson = NumberInput.Text(b.AmountPerPerson) }
            : new LineForm()).ToList();
        Part.ShowMessages(ModelState, showIssues: PartEditor.CheckRequested(Request));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        this.Answer(await Part.PostAsync(Id, null, Apply, Request.Form["next"] == "true", ModelState, ct), Id);

    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct) => await Part.AutosaveAsync(Id, Apply, ct);

    private ApplicationContent Apply(ApplicationContent stored)
    {
        while (BpaTrainings.Count < Roles.Length)
        {
            BpaTrainings.Add(new LineForm());
        }
        var lines = new List<BpaTraining>();
        for (var i = 0; i < Roles.Length; i++)
        {
            var persons = Part.Number($"BpaTrainings[{i}].Persons", BpaTrainings[i].Persons, NumberKind.Persons);
            var amount = Part.Number($"BpaTrainings[{i}].AmountPerPerson", BpaTrainings[i].AmountPerPerson, NumberKind.Amount);
            var typed = !string.IsNullOrWhiteSpace(BpaTrainings[i].Persons) || !string.IsNullOrWhiteSpace(BpaTrainings[i].AmountPerPerson);
            if (typed)
            {
                lines.Add(new BpaTraining { Role = Roles[i], Persons = NumberInput.Persons(persons), AmountPerPerson = amount });
            }
        }
        return stored with { BpaTrainings = lines };
    }
}
