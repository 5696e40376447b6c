using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Part 3: BPA training. One line per role in the scheme's priority order (work leaders, caseworkers,
/// assistants); a line left empty is not applied for. The total per line is computed.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class BpaModel(AppDbContext db, CurrentUser me, TimeProvider time) : PartPage(db, me, time)
{
    public static readonly BpaRole[] Roles = [BpaRole.WorkLeader, BpaRole.Caseworker, BpaRole.Assistant];

    public sealed class LineForm
    {
        public string? Persons { get; set; }
        public string? AmountPerPerson { get; set; }
    }

    /// <summary>Always three lines, in <see cref="Roles"/> order.</summary>
    [BindProperty] public List<LineForm> BpaTrainings { get; set; } = [];

    /// <summary>Saved row index to form line, so issues land on the right line.</summary>
    private readonly List<int> _savedToLine = [];

    public override ApplicationStep Step => ApplicationStep.Bpa;

    protected override bool HasContent(ApplicationContent content) => content.BpaTrainings.Count > 0;

    protected override IReadOnlyList<string> FieldOrder { get; } = [".Persons", ".AmountPerPerson"];

    protected override bool BelongsHere(string field) => ApplicationSteps.Of(field) == ApplicationStep.Bpa;

    protected override string FieldKey(string field)
    {
        var m = System.Text.RegularExpressions.Regex.Match(field, @"^bpaTrainings\[(\d+)\](.*)$");
        if (m.Success && int.TryParse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var saved) && saved < _savedToLine.Count)
        {
            var rest = m.Groups[2].Value == ".role" ? ".Persons" : FormKey(m.Groups[2].Value);
            return $"BpaTrainings[{_savedToLine[saved]}]{rest}";
        }
        return FormKey(field);
    }

    public long? LineTotal(int line) => View.Content.BpaTrainings.FirstOrDefault(b => b.Role == Roles[line])?.Total;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        BpaTrainings = Roles.Select(role => View.Content.BpaTrainings.FirstOrDefault(b => b.Role == role) is { } b
            ? new LineForm { Persons = Text(b.Persons), AmountPerPerson = Text(b.AmountPerPerson) }
            : new LineForm()).ToList();
        MapSaved();
        ShowMessages(showIssues: CheckRequested);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAndContinueAsync(null, ct);


    protected override void AfterSave() => MapSaved();

    private void MapSaved()
    {
        _savedToLine.Clear();
        foreach (var b in View.Content.BpaTrainings)
        {
            _savedToLine.Add(b.Role is { } r ? Array.IndexOf(Roles, r) : 0);
        }
    }

    protected override ApplicationContent Apply(ApplicationContent stored)
    {
        while (BpaTrainings.Count < Roles.Length)
        {
            BpaTrainings.Add(new LineForm());
        }
        var lines = new List<BpaTraining>();
        for (var i = 0; i < Roles.Length; i++)
        {
            var persons = ParseNumber($"BpaTrainings[{i}].Persons", BpaTrainings[i].Persons, NumberKind.Persons);
            var amount = ParseNumber($"BpaTrainings[{i}].AmountPerPerson", BpaTrainings[i].AmountPerPerson, NumberKind.Amount);
            var typed = !string.IsNullOrWhiteSpace(BpaTrainings[i].Persons) || !string.IsNullOrWhiteSpace(BpaTrainings[i].AmountPerPerson);
            if (typed)
            {
                lines.Add(new BpaTraining { Role = Roles[i], Persons = Persons(persons), AmountPerPerson = amount });
            }
        }
        return stored with { BpaTrainings = lines };
    }
}
