using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>The registered organisations that are not municipalities, active first, by name.</summary>
internal static class ListOrganisations
{
    public static void Map(RouteGroupBuilder organisations) =>
        organisations.MapGet("/", EndpointAsync)
            .WithSummary("Registrerte søkerorganisasjoner som ikke er kommuner (universiteter, høgskoler, interkommunale selskaper).");

    internal static async Task<Ok<List<AdminOrganisationDto>>> EndpointAsync(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await HandleAsync(db, ct)).Select(o => OrganisationAdmin.ToDto(o)).ToList());

    public static async Task<List<Organisation>> HandleAsync(AppDbContext db, CancellationToken ct)
    {
        var kinds = OrganisationAdmin.Kinds.ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => kinds.Contains(o.Kind)).ToListAsync(ct);
        return organisations.OrderBy(o => !o.IsActive).ThenBy(o => o.Name, StringComparer.Create(Format.Norwegian, ignoreCase: true)).ToList();
    }
}
