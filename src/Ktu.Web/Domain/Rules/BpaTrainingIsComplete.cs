using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// BPA training is applied for per role (work leaders, caseworkers, assistants, in that priority order),
/// each role once, with persons and an amount per person.
/// </summary>
public static class BpaTrainingIsComplete
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var seen = new HashSet<BpaRole>();
        for (var i = 0; i < application.BpaTrainings.Count; i++)
        {
            var b = application.BpaTrainings[i];
            var at = $"bpaTrainings[{i}]";
            if (b.Role is null)
            {
                yield return ValidationIssue.Error($"{at}.role", "bpa-role-missing", "Velg hvem opplæringen gjelder: arbeidsledere, saksbehandlere eller assistenter.");
            }
            else if (!Enum.IsDefined(b.Role.Value))
            {
                yield return ValidationIssue.Error($"{at}.role", "bpa-role-unknown", "Velg arbeidsledere, saksbehandlere eller assistenter.");
            }
            else if (!seen.Add(b.Role.Value))
            {
                yield return ValidationIssue.Error($"{at}.role", "bpa-role-repeated",
                    $"{Norwegian(b.Role.Value)} står mer enn én gang. Slå radene sammen til én.");
            }
            if (b.AmountPerPerson is null or 0)
            {
                yield return ValidationIssue.Error($"{at}.amountPerPerson", "amount-missing",
                    "Skriv beløpet per person i hele kroner. Fjern raden hvis dere ikke søker om dette.");
            }
        }
    }

    public static string Norwegian(BpaRole role) => role switch
    {
        BpaRole.WorkLeader => "Arbeidsledere (brukere)",
        BpaRole.Caseworker => "Saksbehandlere i kommunen",
        BpaRole.Assistant => "Assistenter",
        _ => role.ToString(),
    };
}
