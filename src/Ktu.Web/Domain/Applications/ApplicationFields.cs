namespace Ktu.Web.Domain.Applications;

/// <summary>Every text and number of a document with its field path, so each check walks the same list.</summary>
public static class ApplicationFields
{
    public static IEnumerable<TextField> Texts(ApplicationContent c)
    {
        yield return new("accountNumber", c.AccountNumber, TextKind.Line);
        yield return new("paymentRemark", c.PaymentRemark, TextKind.Line);
        yield return new("contact.name", c.Contact?.Name, TextKind.Line);
        yield return new("contact.email", c.Contact?.Email, TextKind.Line);
        yield return new("contact.phone", c.Contact?.Phone, TextKind.Line);
        yield return new("description", c.Description, TextKind.Paragraph);
        for (var i = 0; i < c.CompetenceMeasures.Count; i++)
        {
            var m = c.CompetenceMeasures[i];
            yield return new($"competenceMeasures[{i}].educationType", m.EducationType, TextKind.Line);
            yield return new($"competenceMeasures[{i}].description", m.Description, TextKind.Paragraph);
        }
        for (var i = 0; i < c.Projects.Count; i++)
        {
            var p = c.Projects[i];
            var at = $"projects[{i}]";
            yield return new($"{at}.title", p.Title, TextKind.Line);
            for (var t = 0; t < p.Themes.Count; t++)
            {
                yield return new($"{at}.themes[{t}]", p.Themes[t], TextKind.Line);
            }
            yield return new($"{at}.purpose", p.Purpose, TextKind.Paragraph);
            yield return new($"{at}.description", p.Description, TextKind.Paragraph);
            yield return new($"{at}.criteria.needsAndChallenges", p.Criteria?.NeedsAndChallenges, TextKind.Paragraph);
            yield return new($"{at}.criteria.goalsAndTargetGroups", p.Criteria?.GoalsAndTargetGroups, TextKind.Paragraph);
            yield return new($"{at}.criteria.organisationAndPartners", p.Criteria?.OrganisationAndPartners, TextKind.Paragraph);
            yield return new($"{at}.criteria.expectedGains", p.Criteria?.ExpectedGains, TextKind.Paragraph);
            yield return new($"{at}.criteria.anchoring", p.Criteria?.Anchoring, TextKind.Paragraph);
            yield return new($"{at}.criteria.userParticipation", p.Criteria?.UserParticipation, TextKind.Paragraph);
            for (var b = 0; b < p.Budget.Count; b++)
            {
                yield return new($"{at}.budget[{b}].item", p.Budget[b].Item, TextKind.Line);
            }
            yield return new($"{at}.controlMeasures", p.ControlMeasures, TextKind.Paragraph);
            yield return new($"{at}.signedBy.name", p.SignedBy?.Name, TextKind.Line);
            yield return new($"{at}.signedBy.role", p.SignedBy?.Role, TextKind.Line);
        }
    }

    /// <summary>Amounts and numbers of persons (ranks are checked by their own rule).</summary>
    public static IEnumerable<NumberField> Numbers(ApplicationContent c)
    {
        for (var i = 0; i < c.CompetenceMeasures.Count; i++)
        {
            var m = c.CompetenceMeasures[i];
            yield return new($"competenceMeasures[{i}].amount", m.Amount, false);
            yield return new($"competenceMeasures[{i}].persons", m.Persons, true);
            yield return new($"competenceMeasures[{i}].continuingPersons", m.ContinuingPersons, true);
        }
        for (var i = 0; i < c.BpaTrainings.Count; i++)
        {
            var b = c.BpaTrainings[i];
            yield return new($"bpaTrainings[{i}].persons", b.Persons, true);
            yield return new($"bpaTrainings[{i}].amountPerPerson", b.AmountPerPerson, false);
        }
        for (var i = 0; i < c.Projects.Count; i++)
        {
            var p = c.Projects[i];
            for (var b = 0; b < p.Budget.Count; b++)
            {
                yield return new($"projects[{i}].budget[{b}].amount", p.Budget[b].Amount, false);
            }
            yield return new($"projects[{i}].ownFinancing", p.OwnFinancing, false);
            yield return new($"projects[{i}].amountApplied", p.AmountApplied, false);
        }
    }
}
