using System.Globalization;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// The report's lines come from the grant: one result line per granted competence line, BPA role and project, and one
/// accounts line per granted line with the granted amount. What the grant fixes (line, label, persons, amount) is always
/// taken from here, never from what a client sends; only the applicant's own figures and texts are kept from input.
/// </summary>
public static class ReportPrefill
{
    /// <param name="submitted">The application as it was last submitted before the decision: where the persons come from.</param>
    /// <param name="reallocations">The grant's reallocations; approved ones move money between lines (<see cref="Reallocation.Apply"/>).</param>
    public static ReportContent From(GrantDecision grant, ApplicationContent submitted, IEnumerable<Reallocation>? reallocations = null)
    {
        var granted = Reallocation.Apply(grant.ReadLines(), reallocations ?? []).Where(l => l.AmountGranted > 0).ToList();
        return new ReportContent
        {
            Competence = granted.Where(l => l.Part == DecisionPart.Competence).Select(l => new CompetenceResult
            {
                LineId = l.LineId,
                Label = l.Label,
                EducationType = Measure(submitted, l.LineId)?.EducationType,
                PersonsGranted = CompetencePersons(submitted, l.LineId),
            }).ToList(),
            Bpa = granted.Where(l => l.Part == DecisionPart.Bpa).Select(l => new BpaResult
            {
                LineId = l.LineId,
                Label = l.Label,
                Role = At(submitted.BpaTrainings, l.LineId)?.Role,
                PersonsGranted = Math.Max(0, At(submitted.BpaTrainings, l.LineId)?.Persons ?? 0),
            }).ToList(),
            Projects = granted.Where(l => l.Part == DecisionPart.Project).Select(l => new ProjectResult
            {
                LineId = l.LineId,
                Label = l.Label,
            }).ToList(),
            Accounts = granted.Select(l => new AccountLine { LineId = l.LineId, Label = l.Label, Granted = l.AmountGranted }).ToList(),
        };
    }

    /// <summary>The prefilled lines with the applicant's figures and texts from <paramref name="typed"/>, matched by line id.</summary>
    public static ReportContent Merge(ReportContent prefill, ReportContent typed)
    {
        var competence = typed.Competence.GroupBy(c => c.LineId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var bpa = typed.Bpa.GroupBy(c => c.LineId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var projects = typed.Projects.GroupBy(c => c.LineId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var accounts = typed.Accounts.GroupBy(c => c.LineId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return typed with
        {
            Competence = prefill.Competence.Select(p => competence.TryGetValue(p.LineId, out var t)
                ? p with { Completed = t.Completed, Ongoing = t.Ongoing, DroppedOut = t.DroppedOut }
                : p).ToList(),
            Bpa = prefill.Bpa.Select(p => bpa.TryGetValue(p.LineId, out var t) ? p with { PersonsTrained = t.PersonsTrained } : p).ToList(),
            Projects = prefill.Projects.Select(p => projects.TryGetValue(p.LineId, out var t)
                ? t with { LineId = p.LineId, Label = p.Label }
                : p).ToList(),
            Accounts = prefill.Accounts.Select(p => accounts.TryGetValue(p.LineId, out var t)
                ? p with { Spent = t.Spent, Explanation = t.Explanation }
                : p).ToList(),
            Staff = typed.Staff ?? new StaffDevelopment(),
        };
    }

    private static int CompetencePersons(ApplicationContent content, string lineId)
    {
        var m = Measure(content, lineId);
        if (m is null)
        {
            return 0;
        }
        var persons = Math.Max(0, m.Persons ?? 0);
        var continuing = Math.Clamp(m.ContinuingPersons ?? 0, 0, persons);
        if (lineId.EndsWith("-videreforing", StringComparison.Ordinal))
        {
            return continuing;
        }
        return continuing > 0 ? persons - continuing : persons;
    }

    private static CompetenceMeasure? Measure(ApplicationContent content, string lineId) => At(content.CompetenceMeasures, lineId);

    /// <summary>The item a line id points at: "kompetanse-2-nye", "bpa-1" and "prosjekt-3" carry the 1-based index of their row.</summary>
    private static T? At<T>(IReadOnlyList<T> items, string lineId)
        where T : class
    {
        var parts = lineId.Split('-');
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= items.Count
            ? items[n - 1]
            : null;
    }
}
