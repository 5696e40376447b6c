using System.Globalization;
using Ktu.Web.Domain.Reporting;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// The report page's form: one value per line of the grant, in the grant's order, and the report's own fields. The page turns
/// it into the report with the grant's lines (<see cref="ToContent"/>), so a posted form never names or changes a line.
/// </summary>
public sealed class ReportForm
{
    public int Version { get; set; }
    public List<int?> Completed { get; set; } = [];
    public List<int?> Ongoing { get; set; } = [];
    public List<int?> DroppedOut { get; set; } = [];
    public List<int?> Trained { get; set; } = [];
    public List<string?> UserExperiences { get; set; } = [];
    public List<string?> ReducedCompensatingServices { get; set; } = [];
    public List<string?> QualitativeGains { get; set; } = [];
    public List<string?> EconomicGains { get; set; } = [];
    public List<string?> TransferValue { get; set; } = [];
    public List<string?> InnovationMethodUsed { get; set; } = [];
    public List<string?> InnovationMethod { get; set; } = [];
    public string? FteYearBefore { get; set; }
    public string? FteGrantYear { get; set; }
    public string? StaffComment { get; set; }
    public List<long?> Spent { get; set; } = [];
    public List<string?> Explanation { get; set; } = [];
    public string? UnusedFunds { get; set; }
    public string? TransferReason { get; set; }
    public int? TransferToYear { get; set; }
    public bool Postponed { get; set; }
    public string? Comment { get; set; }

    internal static ReportForm From(ReportView view)
    {
        var r = view.Content;
        return new ReportForm
        {
            Version = view.Version,
            Completed = r.Competence.Select(c => c.Completed).ToList(),
            Ongoing = r.Competence.Select(c => c.Ongoing).ToList(),
            DroppedOut = r.Competence.Select(c => c.DroppedOut).ToList(),
            Trained = r.Bpa.Select(b => b.PersonsTrained).ToList(),
            UserExperiences = r.Projects.Select(p => p.UserExperiences).ToList(),
            ReducedCompensatingServices = r.Projects.Select(p => p.ReducedCompensatingServices).ToList(),
            QualitativeGains = r.Projects.Select(p => p.QualitativeGains).ToList(),
            EconomicGains = r.Projects.Select(p => p.EconomicGains).ToList(),
            TransferValue = r.Projects.Select(p => p.TransferValue).ToList(),
            InnovationMethodUsed = r.Projects.Select(p => p.InnovationMethodUsed switch { true => "ja", false => "nei", null => null }).ToList(),
            InnovationMethod = r.Projects.Select(p => p.InnovationMethod).ToList(),
            FteYearBefore = r.Staff.FteYearBefore?.ToString(CultureInfo.GetCultureInfo("nb-NO")),
            FteGrantYear = r.Staff.FteGrantYear?.ToString(CultureInfo.GetCultureInfo("nb-NO")),
            StaffComment = r.Staff.Comment,
            Spent = r.Accounts.Select(a => a.Spent).ToList(),
            Explanation = r.Accounts.Select(a => a.Explanation).ToList(),
            UnusedFunds = r.UnusedFunds switch { UnusedFundsChoice.Transfer => "overfore", UnusedFundsChoice.Repay => "tilbakebetale", _ => null },
            TransferReason = r.TransferReason,
            TransferToYear = r.TransferToYear,
            Postponed = r.AuditorStatementPostponed,
            Comment = r.Comment,
        };
    }

    /// <summary>The report with the grant's lines (from <paramref name="current"/>) and the values typed here.</summary>
    public ReportContent ToContent(ReportContent current) => current with
    {
        Competence = current.Competence.Select((c, i) => c with { Completed = At(Completed, i), Ongoing = At(Ongoing, i), DroppedOut = At(DroppedOut, i) }).ToList(),
        Bpa = current.Bpa.Select((b, i) => b with { PersonsTrained = At(Trained, i) }).ToList(),
        Projects = current.Projects.Select((p, i) => p with
        {
            UserExperiences = At(UserExperiences, i),
            ReducedCompensatingServices = At(ReducedCompensatingServices, i),
            QualitativeGains = At(QualitativeGains, i),
            EconomicGains = At(EconomicGains, i),
            TransferValue = At(TransferValue, i),
            InnovationMethodUsed = At(InnovationMethodUsed, i) switch { "ja" => true, "nei" => false, _ => null },
            InnovationMethod = At(InnovationMethod, i),
        }).ToList(),
        Staff = new StaffDevelopment { FteYearBefore = Decimal(FteYearBefore), FteGrantYear = Decimal(FteGrantYear), Comment = StaffComment },
        Accounts = current.Accounts.Select((a, i) => a with { Spent = At(Spent, i), Explanation = At(Explanation, i) }).ToList(),
        UnusedFunds = UnusedFunds switch { "overfore" => UnusedFundsChoice.Transfer, "tilbakebetale" => UnusedFundsChoice.Repay, _ => null },
        TransferReason = TransferReason,
        TransferToYear = TransferToYear,
        AuditorStatementPostponed = Postponed,
        Comment = Comment,
    };

    /// <summary>"412,5" or "412.5"; anything else is left empty, and the report's rules ask for it.</summary>
    private static decimal? Decimal(string? text) =>
        decimal.TryParse(text?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static T? At<T>(List<T?> list, int i) => i < list.Count ? list[i] : default;
}
