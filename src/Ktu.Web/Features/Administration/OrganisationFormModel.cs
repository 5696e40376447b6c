using Ktu.Web.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ktu.Web.Features.Administration;

/// <summary>What the shared organisation fields need: the typed input, the embeter to choose from and the errors.</summary>
public sealed record OrganisationFormModel(OrganisationInput Input, IReadOnlyList<Embete> Embeter, bool WithOrgNumber, ModelStateDictionary ModelState)
{
    public string? ErrorOf(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
