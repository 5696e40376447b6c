using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>A starting point for <see cref="DistributePots"/>: the national amount split by the population of each embete's municipalities.</summary>
internal static class PotProposal
{
    public static void Map(RouteGroupBuilder schemes) =>
        schemes.MapGet("/{year:int}/pots/proposal", EndpointAsync)
            .RequireAuthorization(Policies.Directorate)
            .WithSummary("Forslag til fordeling av en nasjonal ramme etter folketallet i embetenes kommuner.")
            .ProducesValidationProblem();

    /// <param name="nationalAmount">The amount to split; when left out, the year's national amount.</param>
    internal static async Task<Results<Ok<List<PotProposalDto>>, ValidationProblem>> EndpointAsync(int year, long? nationalAmount, AppDbContext db, CancellationToken ct)
    {
        nationalAmount ??= (await SchemeYearChanges.LoadAsync(db, year, ct)).NationalAmount;
        if (nationalAmount is not { } national || national is < 0 or > AllocationSettings.MaxAmount)
        {
            return FieldErrors.Of("nationalAmount", Format.Text(SchemeTexts.Pots_Amount, Format.Nok(AllocationSettings.MaxAmount))).ToValidationProblem();
        }
        return TypedResults.Ok(await ProposalAsync(db, national, ct));
    }

    /// <summary>The national amount split by the population of each embete's municipalities, rounded down to whole thousands.</summary>
    public static async Task<List<PotProposalDto>> ProposalAsync(AppDbContext db, long national, CancellationToken ct)
    {
        var populations = await db.Organisations
            .Where(o => o.Kind == OrganisationKind.Municipality)
            .GroupBy(o => o.EmbeteId)
            .Select(g => new { EmbeteId = g.Key, Population = g.Sum(o => (long)(o.Population ?? 0)) })
            .ToListAsync(ct);
        return ByPopulation(national, populations.Select(p => (p.EmbeteId, p.Population)).ToList());
    }

    /// <summary>Shares of <paramref name="national"/> in proportion to population, each rounded down to whole thousands, so they never add up to more.</summary>
    internal static List<PotProposalDto> ByPopulation(long national, IReadOnlyList<(string Embete, long Population)> populations)
    {
        var total = populations.Sum(p => p.Population);
        return populations.OrderBy(p => p.Embete, StringComparer.Ordinal)
            .Select(p => new PotProposalDto(p.Embete, p.Population,
                total == 0 ? 0 : (long)((Int128)national * p.Population / total / 1000 * 1000)))
            .ToList();
    }
}
