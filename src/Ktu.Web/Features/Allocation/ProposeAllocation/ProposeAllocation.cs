using System.Text.Json;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// A what-if proposal: amounts and reasons per line from a pot, earmarks, scored lines and settings. Nothing is stored;
/// the same content always gives the same answer.
/// </summary>
internal static class ProposeAllocation
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/allocation/proposal", ProposeAsync)
            .WithTags(AllocationFeature.Tag)
            .RequireAuthorization(Policies.AllocationWhatIf)
            .WithSummary("Forslag til fordeling: beløp og begrunnelse for hver linje, for å prøve ut scenarioer.")
            .WithDescription(
                "Beregner et forslag ut fra rammen, øremerkede midler, linjene med poeng fra vurderingen og innstillingene. " +
                "Ingenting lagres. Samme innhold gir alltid samme svar, uansett rekkefølgen på linjene. " +
                "Øremerkede midler brukes først, og bare på linjer med samme tema. Videreføringer går foran nye personer med " +
                "samme utdanningstype, og i BPA går arbeidsledere foran saksbehandlere, som går foran assistenter.")
            .Produces<AllocationProposalResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    internal abstract record Outcome;
    internal sealed record Proposed(AllocationProposalResponse Proposal) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    internal static async Task<Results<Ok<AllocationProposalResponse>, ValidationProblem>> ProposeAsync(
        AllocationProposalRequest? request, AppDbContext db, CancellationToken ct) =>
        await HandleAsync(db, request, ct) switch
        {
            Invalid invalid => invalid.Errors.ToValidationProblem(AllocationTexts.Invalid_Title),
            var outcome => TypedResults.Ok(((Proposed)outcome).Proposal),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, AllocationProposalRequest? request, CancellationToken ct)
    {
        var read = AllocationRequestReader.Read(request);
        if (read is AllocationRequestReader.Invalid invalid)
        {
            return new Invalid(invalid.Errors);
        }
        var input = ((AllocationRequestReader.Readable)read).Input;

        var names = await ThemeNamesAsync(db, input.Earmarks.Select(e => e.Theme).ToList(), ct);
        var earmarks = input.Earmarks
            .Select(e => e with { ThemeName = names.GetValueOrDefault(e.Theme) })
            .ToList();
        var result = AllocationProposal.Compute(input.Pot, earmarks, input.Lines, input.Settings);
        return new Proposed(ToResponse(result, input.Settings));
    }

    /// <summary>How users read the earmarked themes, from the newest scheme year that has them.</summary>
    private static async Task<Dictionary<string, string>> ThemeNamesAsync(AppDbContext db, List<string> codes, CancellationToken ct)
    {
        // No theme code holds NUL, and PostgreSQL refuses it in a query: such a code simply has no name.
        codes = codes.Where(c => !c.Contains('\0', StringComparison.Ordinal)).ToList();
        if (codes.Count == 0)
        {
            return [];
        }
        var rows = await db.Set<SchemeTheme>().AsNoTracking()
            .Where(t => codes.Contains(t.Code))
            .Select(t => new { t.SchemeYear, t.Code, t.Name })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => r.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => InSentence(g.OrderByDescending(r => r.SchemeYear).First().Name), StringComparer.Ordinal);
    }

    /// <summary>"Modeller for avlastning" reads "modeller for avlastning" inside a sentence; "ABC-opplæring" stays.</summary>
    private static string InSentence(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    internal static AllocationProposalResponse ToResponse(AllocationResult result, AllocationSettings settings) => new(
        result.Lines.Select(l => new ProposedLineDto(
            l.Id, l.AmountApplied, l.AmountProposed, l.FromEarmark,
            JsonNamingPolicy.CamelCase.ConvertName(l.Outcome.ToString()), l.Reason)).ToList(),
        result.TotalProposed,
        result.Unallocated,
        result.Earmarks.Select(e => new EarmarkUseDto(e.Theme, e.Amount, e.Used, e.Left)).ToList(),
        new AllocationSettingsDto(settings.ScoreWeights, settings.DistrictWeightPercent, settings.MinimumAmount, settings.RoundingUnit));
}
