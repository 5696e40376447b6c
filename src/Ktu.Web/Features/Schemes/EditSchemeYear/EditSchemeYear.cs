using System.Text.Json;
using System.Text.RegularExpressions;
using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Schemes;

/// <summary>
/// The directorate sets a scheme year's rules while it is in preparation: who may apply for what, education types,
/// themes and earmarks, limits, the auditor threshold and its wording, the report variance, districts, the default
/// allocation settings and the national letter texts. Once the year is published these rules are frozen, so every
/// application and letter of the year is read against the rules it was written under; only the report deadline and
/// the allocation defaults may still change. Audited with before and after.
/// </summary>
internal static partial class EditSchemeYear
{
    public const int MaxName = 200;
    public const int MaxGoal = 4000;
    public const int MaxLetterText = 4000;
    public const int MaxListItems = 30;
    public const int MaxProjectsLimit = 20;

    internal abstract record Outcome;
    internal sealed record Changed(SchemeYear Scheme) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder schemes) =>
        schemes.MapPut("/{year:int}", EndpointAsync)
            .RequireAuthorization(Policies.Directorate)
            .WithSummary("Endre reglene for et ordningsår (Helsedirektoratet). Etter publisering kan bare rapporteringsfristen og standardinnstillingene for fordeling endres.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<SchemeDto>, ValidationProblem>> EndpointAsync(
        int year, [FromBody] SchemeYearInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, year, body ?? new SchemeYearInput(), ct) switch
        {
            Changed c => TypedResults.Ok(SchemesApi.ToDto(c.Scheme, time.GetUtcNow())),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, SchemeYearInput input, CancellationToken ct)
    {
        var scheme = await SchemeYearChanges.LoadAsync(db, year, ct);
        SchemeYearChanges.RequireVersion(scheme, input.Version);
        var errors = Problems(scheme, input);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var before = Settings(scheme);
        Apply(scheme, input);
        var after = Settings(scheme);
        var changed = before.Where(b => after[b.Key] != b.Value).Select(b => b.Key).ToList();
        if (changed.Count == 0)
        {
            return new Changed(scheme);
        }
        if (scheme.IsPublished && changed.Except(ChangeableWhenPublished, StringComparer.Ordinal).ToList() is { Count: > 0 } frozen)
        {
            throw new RuleViolationException(Format.Text(SchemeTexts.Edit_Published, year, string.Join(", ", frozen.Select(FieldName))), "scheme-published");
        }
        scheme.Version++;
        SchemeYearChanges.Audit(db, me, time.GetUtcNow(), "scheme.changed", scheme,
            before: changed.ToDictionary(f => f, f => JsonSerializer.Deserialize<JsonElement>(before[f])),
            after: changed.ToDictionary(f => f, f => JsonSerializer.Deserialize<JsonElement>(after[f])));
        await SchemeYearChanges.SaveAsync(db, ct);
        return new Changed(scheme);
    }

    /// <summary>What may change once the call is out: neither alters a submitted application.</summary>
    private static readonly string[] ChangeableWhenPublished = ["reportDeadline", "allocationDefaults"];

    /// <summary>Each setting as JSON, by its field name in <see cref="SchemeYearInput"/>: compared before and after, and written to the audit trail.</summary>
    internal static Dictionary<string, string> Settings(SchemeYear s)
    {
        var dto = SchemesApi.ToDto(s, DateTimeOffset.MinValue);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = Json(s.Name),
            ["goalText"] = Json(s.GoalText),
            ["projectPartName"] = Json(s.ProjectPartName),
            ["applicationDeadline"] = Json(s.ApplicationDeadline),
            ["reportDeadline"] = Json(s.ReportDeadline),
            ["maxProjects"] = Json(s.MaxProjects),
            ["auditorThreshold"] = Json(s.AuditorThreshold),
            ["auditorComparison"] = Json(dto.AuditorComparison),
            ["reportVariancePercent"] = Json(s.ReportVariancePercent),
            ["maxTransferYears"] = Json(s.MaxTransferYears),
            ["districtFromCentrality"] = Json(s.DistrictFromCentrality),
            ["educationTypes"] = Json(dto.EducationTypes),
            ["themes"] = Json(dto.Themes),
            ["applicantRules"] = Json(dto.ApplicantRules),
            ["allocationDefaults"] = Json(dto.AllocationDefaults),
            ["fixedLetterTexts"] = s.FixedLetterTextsJson ?? "null",
        };
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private static string FieldName(string field) =>
        SchemeTexts.ResourceManager.GetString("Field_" + field, System.Globalization.CultureInfo.CurrentUICulture) ?? field;

    internal static void Apply(SchemeYear s, SchemeYearInput input)
    {
        s.Name = input.Name?.Trim() ?? s.Name;
        s.GoalText = input.GoalText?.Trim() ?? s.GoalText;
        s.ProjectPartName = input.ProjectPartName?.Trim() ?? s.ProjectPartName;
        if (input.ApplicationDeadline is { } d)
        {
            s.ApplicationDeadline = NorwayTime.EndOfDay(d);
        }
        s.ReportDeadline = input.ReportDeadline ?? s.ReportDeadline;
        s.MaxProjects = input.MaxProjects ?? s.MaxProjects;
        s.AuditorThreshold = input.AuditorThreshold ?? s.AuditorThreshold;
        s.AuditorComparison = input.AuditorComparison is { } c ? SchemeCodes.ComparisonOf(c)!.Value : s.AuditorComparison;
        s.ReportVariancePercent = input.ReportVariancePercent ?? s.ReportVariancePercent;
        s.MaxTransferYears = input.MaxTransferYears ?? s.MaxTransferYears;
        s.DistrictFromCentrality = input.DistrictFromCentrality ?? s.DistrictFromCentrality;
        if (input.EducationTypes is { } types)
        {
            Merge(s.EducationTypes, types.Select(t => (t.Code!, t.Name!.Trim())).ToList(),
                e => e.Code, (e, name, order) => { e.Name = name; e.SortOrder = order; },
                (code, name, order) => new SchemeEducationType { Code = code, Name = name, SortOrder = order });
        }
        if (input.Themes is { } themes)
        {
            var earmarked = themes.Where(t => t.Earmarked).Select(t => t.Code!).ToHashSet(StringComparer.Ordinal);
            Merge(s.Themes, themes.Select(t => (t.Code!, t.Name!.Trim())).ToList(),
                t => t.Code, (t, name, order) => { t.Name = name; t.SortOrder = order; t.Earmarked = earmarked.Contains(t.Code); },
                (code, name, order) => new SchemeTheme { Code = code, Name = name, SortOrder = order, Earmarked = earmarked.Contains(code) });
        }
        if (input.ApplicantRules is { } rules)
        {
            var wanted = rules.ToDictionary(r => SchemeCodes.KindOf(r.ApplicantType)!.Value, r => r);
            s.ApplicantRules.RemoveAll(r => !wanted.ContainsKey(r.Kind));
            foreach (var (kind, r) in wanted)
            {
                var rule = s.ApplicantRules.FirstOrDefault(x => x.Kind == kind);
                if (rule is null)
                {
                    rule = new SchemeApplicantRule { Kind = kind };
                    s.ApplicantRules.Add(rule);
                }
                rule.Parts = (r.Parts ?? []).Aggregate(ApplicationParts.None, (all, p) => all | SchemeCodes.PartOf(p)!.Value);
                var only = (r.OnlyEducationTypes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (!only.SequenceEqual(rule.OnlyEducationTypes))
                {
                    rule.OnlyEducationTypes = only;
                }
            }
        }
        if (input.AllocationDefaults is { } defaults)
        {
            s.AllocationSettingsJson = DomainJson.Serialize(Defaults(defaults));
        }
        if (input.FixedLetterTexts is { } texts)
        {
            var own = GrantLetterFixedTexts.TextsOf(GrantLetterFixedTexts.Standard(s));
            var set = texts.Where(t => !string.Equals(own.GetValueOrDefault(t.Key), t.Value, StringComparison.Ordinal))
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            s.FixedLetterTextsJson = set.Count == 0 ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(set, StringComparer.Ordinal));
        }
    }

    /// <summary>Updates rows in place by code, adds new codes and removes codes no longer listed, keeping the order given.</summary>
    private static void Merge<T>(List<T> rows, List<(string Code, string Name)> items, Func<T, string> codeOf, Action<T, string, int> update, Func<string, string, int, T> create)
    {
        var codes = items.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        rows.RemoveAll(r => !codes.Contains(codeOf(r)));
        for (var i = 0; i < items.Count; i++)
        {
            var row = rows.FirstOrDefault(r => codeOf(r) == items[i].Code);
            if (row is null)
            {
                rows.Add(create(items[i].Code, items[i].Name, i + 1));
            }
            else
            {
                update(row, items[i].Name, i + 1);
            }
        }
    }

    private static AllocationSettings Defaults(AllocationDefaultsInput d) => new()
    {
        ScoreWeights = d.ScoreWeights?.ToArray() ?? AllocationSettings.Default.ScoreWeights,
        DistrictWeightPercent = d.DistrictWeightPercent ?? AllocationSettings.Default.DistrictWeightPercent,
        MinimumAmount = d.MinimumAmount ?? AllocationSettings.Default.MinimumAmount,
        RoundingUnit = d.RoundingUnit ?? AllocationSettings.Default.RoundingUnit,
    };
}
