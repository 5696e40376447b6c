namespace Ktu.Web.Domain.Assessment;

/// <summary>The name a case's status goes by on the staff pages and in the API ("Ny", "Under vurdering", …).</summary>
public static class CaseStatusName
{
    public static string Of(CaseStatus status, bool withdrawn) => withdrawn ? CaseTexts.Status_Withdrawn : status switch
    {
        CaseStatus.Received => CaseTexts.Status_Received,
        CaseStatus.UnderAssessment => CaseTexts.Status_UnderAssessment,
        CaseStatus.AwaitingApplicant => CaseTexts.Status_AwaitingApplicant,
        CaseStatus.Assessed => CaseTexts.Status_Assessed,
        _ => status.ToString(),
    };
}
