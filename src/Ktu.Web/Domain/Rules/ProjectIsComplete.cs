using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// A service-development project is assessed on the applicant's own texts (Regelverk pkt. 4), needs
/// an amount, control measures, and the signature of the chief municipal executive or a delegate.
/// </summary>
public static class ProjectIsComplete
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        for (var i = 0; i < application.Projects.Count; i++)
        {
            var p = application.Projects[i];
            var at = $"projects[{i}]";
            var c = p.Criteria ?? new ProjectCriteria();
            var required = new (string Field, string? Value, string Message)[]
            {
                ("title", p.Title, "Gi tiltaket et navn."),
                ("purpose", p.Purpose, "Skriv formålet med tiltaket."),
                ("description", p.Description, "Beskriv tiltaket."),
                ("criteria.needsAndChallenges", c.NeedsAndChallenges, "Beskriv behov og utfordringer tiltaket skal løse."),
                ("criteria.goalsAndTargetGroups", c.GoalsAndTargetGroups, "Beskriv mål og målgrupper."),
                ("criteria.organisationAndPartners", c.OrganisationAndPartners, "Beskriv hvordan tiltaket er organisert, og hvem dere samarbeider med."),
                ("criteria.expectedGains", c.ExpectedGains, "Beskriv forventede gevinster og hvordan tiltaket påvirker praksis."),
                ("criteria.anchoring", c.Anchoring, "Beskriv hvordan tiltaket er forankret hos lederen som har budsjettansvaret."),
                ("criteria.userParticipation", c.UserParticipation, "Beskriv brukermedvirkning og bruker- og pårørendeperspektivet."),
                ("controlMeasures", p.ControlMeasures, "Beskriv interne og eksterne kontrolltiltak."),
                ("signedBy.name", p.SignedBy?.Name, "Skriv hvem som signerer: kommunedirektøren eller den som har fullmakt."),
                ("signedBy.role", p.SignedBy?.Role, "Skriv stillingen til den som signerer."),
            };
            foreach (var (field, value, message) in required)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return ValidationIssue.Error($"{at}.{field}", "required", message);
                }
            }
            if (p.Themes.Count == 0)
            {
                yield return ValidationIssue.Error($"{at}.themes", "themes-missing", "Velg minst ett tema for tiltaket.");
            }
            if (p.AmountApplied is null or 0)
            {
                yield return ValidationIssue.Error($"{at}.amountApplied", "amount-missing", "Skriv beløpet dere søker om til tiltaket, i hele kroner.");
            }
            if (p.Budget.Count == 0)
            {
                yield return ValidationIssue.Error($"{at}.budget", "budget-missing", "Legg inn et budsjett med minst én post.");
            }
        }
    }
}
