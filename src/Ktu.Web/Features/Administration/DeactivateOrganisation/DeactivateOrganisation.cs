using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Administration;

public sealed record DeactivateOrganisationInput(int? Version);

/// <summary>
/// Deactivates an organisation instead of deleting it: its applications, grants, reports and history stay readable,
/// but it cannot start a new application. Deactivating one that already is changes nothing.
/// </summary>
internal static class DeactivateOrganisation
{
    public static void Map(RouteGroupBuilder organisations) =>
        organisations.MapPost("/{id:int}/deactivate", EndpointAsync)
            .WithSummary("Deaktiver en organisasjon: historikken beholdes, men den kan ikke lenger starte søknader.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Ok<AdminOrganisationDto>> EndpointAsync(
        int id, [FromBody] DeactivateOrganisationInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var organisation = await HandleAsync(db, me, time, id, body?.Version, ct);
        return TypedResults.Ok(OrganisationAdmin.ToDto(organisation, await OrganisationAdmin.HistoryAsync(db, id, ct)));
    }

    public static async Task<Organisation> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int id, int? version, CancellationToken ct)
    {
        var organisation = await OrganisationAdmin.LoadAsync(db, id, ct);
        if (!organisation.IsActive)
        {
            return organisation;
        }
        OrganisationAdmin.RequireVersion(organisation, version);
        var before = OrganisationAdmin.Snapshot(organisation);
        var now = time.GetUtcNow();
        organisation.DeactivatedAt = now;
        organisation.Version++;
        OrganisationAdmin.Audit(db, me, now, "organisation.deactivated", organisation, before, OrganisationAdmin.Snapshot(organisation));
        await db.SaveChangesAsync(ct);
        return organisation;
    }
}
