using System.Text.RegularExpressions;
using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>The directorate's form for a scheme year's rules (<see cref="EditSchemeYear"/>): blank rows add entries, a ticked "remove" takes one out.</summary>
[Authorize(Policy = Policies.Directorate)]
public sealed partial class EditModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>Empty rows offered for new education types and themes.</summary>
    private const int BlankRows = 2;

    public sealed class CodedRow
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public bool Earmarked { get; set; }
        public bool Remove { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Name);
    }

    public sealed class RuleRow
    {
        public string Kind { get; set; } = "";
        public List<string> Parts { get; set; } = [];
        public List<string> Only { get; set; } = [];
    }

    public sealed class LetterRow
    {
        public string Field { get; set; } = "";
        public string? Text { get; set; }
        /// <summary>The text as shown, so only texts the user changed are sent.</summary>
        public string? Shown { get; set; }
    }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? GoalText { get; set; }
    [BindProperty] public string? ProjectPartName { get; set; }
    [BindProperty] public DateOnly? ApplicationDeadline { get; set; }
    [BindProperty] public DateOnly? ReportDeadline { get; set; }
    [BindProperty] public int? MaxProjects { get; set; }
    [BindProperty] public long? AuditorThreshold { get; set; }
    [BindProperty] public string? AuditorComparison { get; set; }
    [BindProperty] public int? ReportVariancePercent { get; set; }
    [BindProperty] public int? MaxTransferYears { get; set; }
    [BindProperty] public int? DistrictFromCentrality { get; set; }
    [BindProperty] public List<CodedRow> EducationTypes { get; set; } = [];
    [BindProperty] public List<CodedRow> Themes { get; set; } = [];
    [BindProperty] public List<RuleRow> ApplicantRules { get; set; } = [];
    [BindProperty] public List<int?> ScoreWeights { get; set; } = [];
    [BindProperty] public int? DistrictWeightPercent { get; set; }
    [BindProperty] public long? MinimumAmount { get; set; }
    [BindProperty] public long? RoundingUnit { get; set; }
    [BindProperty] public List<LetterRow> LetterTexts { get; set; } = [];

    public SchemeYear Scheme { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int year)
    {
        if (await LoadAsync(year) is not { } scheme)
        {
            return NotFound();
        }
        Fill(scheme);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (await LoadAsync(year) is null)
        {
            return NotFound();
        }
        var (input, educationRows, themeRows) = ToInput();
        var saved = await PageWrites.TryAsync(ModelState, "", SchemeTexts.Change_Stale, async () =>
            await EditSchemeYear.HandleAsync(db, me, time, year, input, ct) switch
            {
                EditSchemeYear.Invalid i => i.Errors,
                _ => new FieldErrors(),
            },
            path => FieldKey(path, educationRows, themeRows));
        if (!saved)
        {
            Pad();
            return Page();
        }
        TempData.Message(SchemeTexts.Edit_Saved);
        return RedirectToPage("/Schemes/ViewSchemeYears/Details", new { year });
    }

    private async Task<SchemeYear?> LoadAsync(int year)
    {
        var scheme = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(s => s.Year == year);
        if (scheme is not null)
        {
            Scheme = scheme;
        }
        return scheme;
    }

    private void Fill(SchemeYear s)
    {
        var dto = SchemesApi.ToDto(s, time.GetUtcNow());
        Version = s.Version;
        Name = s.Name;
        GoalText = s.GoalText;
        ProjectPartName = s.ProjectPartName;
        ApplicationDeadline = NorwayTime.DateOf(s.ApplicationDeadline);
        ReportDeadline = s.ReportDeadline;
        MaxProjects = s.MaxProjects;
        AuditorThreshold = s.AuditorThreshold;
        AuditorComparison = dto.AuditorComparison;
        ReportVariancePercent = s.ReportVariancePercent;
        MaxTransferYears = s.MaxTransferYears;
        DistrictFromCentrality = s.DistrictFromCentrality;
        EducationTypes = dto.EducationTypes.Select(e => new CodedRow { Code = e.Code, Name = e.Name }).ToList();
        Themes = dto.Themes.Select(t => new CodedRow { Code = t.Code, Name = t.Name, Earmarked = t.Earmarked }).ToList();
        ApplicantRules = SchemeCodes.Kinds.Select(k => s.ApplicantRules.FirstOrDefault(r => r.Kind == k.Kind) is { } r
            ? new RuleRow { Kind = k.Code, Parts = ApplicationPartNames.Codes(r.Parts), Only = [.. r.OnlyEducationTypes] }
            : new RuleRow { Kind = k.Code }).ToList();
        ScoreWeights = dto.AllocationDefaults.ScoreWeights.Select(w => (int?)w).ToList();
        DistrictWeightPercent = dto.AllocationDefaults.DistrictWeightPercent;
        MinimumAmount = dto.AllocationDefaults.MinimumAmount;
        RoundingUnit = dto.AllocationDefaults.RoundingUnit;
        // The goal is its own field above; the letter prints it as its purpose.
        LetterTexts = dto.FixedLetterTexts.Where(t => t.Key != "purpose").Select(t => new LetterRow { Field = t.Key, Text = t.Value, Shown = t.Value }).ToList();
        Pad();
    }

    private void Pad()
    {
        while (EducationTypes.Count(r => r.IsBlank) < BlankRows)
        {
            EducationTypes.Add(new CodedRow());
        }
        while (Themes.Count(r => r.IsBlank) < BlankRows)
        {
            Themes.Add(new CodedRow());
        }
        while (ScoreWeights.Count < 5)
        {
            ScoreWeights.Add(null);
        }
    }

    /// <summary>The handler's input, and for each sent education type and theme the row on the page it came from.</summary>
    private (SchemeYearInput Input, List<int> EducationRows, List<int> ThemeRows) ToInput()
    {
        var educationRows = Enumerable.Range(0, EducationTypes.Count).Where(i => !EducationTypes[i].Remove && !EducationTypes[i].IsBlank).ToList();
        var themeRows = Enumerable.Range(0, Themes.Count).Where(i => !Themes[i].Remove && !Themes[i].IsBlank).ToList();
        var changedTexts = LetterTexts
            .Where(t => !string.Equals(Normalise(t.Text), Normalise(t.Shown), StringComparison.Ordinal))
            .ToDictionary(t => t.Field, t => Normalise(t.Text), StringComparer.Ordinal);
        var input = new SchemeYearInput
        {
            Version = Version,
            Name = Name ?? "",
            GoalText = GoalText ?? "",
            ProjectPartName = ProjectPartName ?? "",
            ApplicationDeadline = ApplicationDeadline,
            ReportDeadline = ReportDeadline,
            MaxProjects = MaxProjects ?? -1,
            AuditorThreshold = AuditorThreshold ?? -1,
            AuditorComparison = AuditorComparison ?? "",
            ReportVariancePercent = ReportVariancePercent ?? -1,
            MaxTransferYears = MaxTransferYears ?? -1,
            DistrictFromCentrality = DistrictFromCentrality ?? 0,
            EducationTypes = educationRows.Select(i => new EducationTypeInput(EducationTypes[i].Code?.Trim(), EducationTypes[i].Name ?? "")).ToList(),
            Themes = themeRows.Select(i => new ThemeInput(Themes[i].Code?.Trim(), Themes[i].Name ?? "", Themes[i].Earmarked)).ToList(),
            ApplicantRules = ApplicantRules.Where(r => r.Parts.Count > 0).Select(r => new ApplicantRuleInput(r.Kind, r.Parts, r.Only)).ToList(),
            AllocationDefaults = new AllocationDefaultsInput(ScoreWeights.Select(w => w ?? 0).ToList(), DistrictWeightPercent ?? 0, MinimumAmount ?? -1, RoundingUnit ?? 0),
            FixedLetterTexts = changedTexts,
        };
        return (input, educationRows, themeRows);
    }

    /// <summary>Line endings as a browser sends them differ from those stored; they are not a change.</summary>
    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"^(educationTypes|themes)\[(\d+)\](.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RowPath();

    /// <summary>The ModelState key of an input field path, so the error summary links to the field on this page.</summary>
    private string FieldKey(string path, List<int> educationRows, List<int> themeRows)
    {
        if (RowPath().Match(path) is { Success: true } m)
        {
            var rows = m.Groups[1].Value == "themes" ? themeRows : educationRows;
            var index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var row = index < rows.Count ? rows[index] : 0;
            return Pascal($"{m.Groups[1].Value}[{row}]{m.Groups[3].Value}");
        }
        if (path.StartsWith("fixedLetterTexts.", StringComparison.Ordinal))
        {
            var field = path["fixedLetterTexts.".Length..];
            var i = LetterTexts.FindIndex(t => t.Field == field);
            return i < 0 ? "" : $"LetterTexts[{i}].Text";
        }
        if (path.StartsWith("allocationDefaults.", StringComparison.Ordinal))
        {
            return Pascal(path["allocationDefaults.".Length..]);
        }
        if (path.StartsWith("applicantRules", StringComparison.Ordinal))
        {
            return "ApplicantRules";
        }
        return Pascal(path);
    }

    private static string Pascal(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    public static string LetterFieldName(string field) =>
        SchemeTexts.ResourceManager.GetString("Letter_" + field, System.Globalization.CultureInfo.CurrentUICulture) ?? field;

    public static string KindName(string code) => SchemeCodes.KindOf(code)?.Norwegian() ?? code;

    public static string PartName(ApplicationParts part) => ApplicationPartNames.Norwegian(part).Single();

    /// <summary>The parts one may apply for, with their codes, as the form's checkboxes.</summary>
    public static IEnumerable<(string Code, ApplicationParts Part)> Parts => SchemeCodes.Parts.Select(p => (p.Code, p.Part));

    public static IReadOnlyList<string> LetterFields => GrantLetterFixedTexts.FieldNames;
}
