namespace Ktu.Web.Domain.Rules;

/// <summary>
/// The accounts must be attested by an auditor when the grant's parts summed reach the threshold.
/// Regelverk 2022: "over 200 000"; 2025 call: "fra kr 200 000 og mer" — so the comparison is per year.
/// </summary>
public static class AuditorRequiredFromThreshold
{
    public static bool Applies(SchemeYear scheme, long totalGranted) =>
        Reporting.AuditorRequirement.For(scheme, totalGranted, totalGranted).Evidence == Reporting.AccountsEvidence.AuditorStatement;
}
