using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// One registered organisation with its history (from the audit trail), and the administrator's change of its name,
/// kind or embete. The org number is the organisation's identity and is not changed; a stale version is refused (409).
/// </summary>
internal static class EditOrganisation
{
    internal abstract record Outcome;
    internal sealed record Changed(Organisation Organisation) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder organisations)
    {
        organisations.MapGet("/{id:int}", GetAsync)
            .WithSummary("Én registrert organisasjon med endringshistorikken (før og etter).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        organisations.MapPut("/{id:int}", PutAsync)
            .WithSummary("Endre navn, type eller embete for en registrert organisasjon. Krever versjonen du leste.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<AdminOrganisationDto>> GetAsync(int id, AppDbContext db, CancellationToken ct)
    {
        var organisation = await OrganisationAdmin.LoadAsync(db, id, ct);
        return TypedResults.Ok(OrganisationAdmin.ToDto(organisation, await OrganisationAdmin.HistoryAsync(db, id, ct)));
    }

    internal static async Task<Results<Ok<AdminOrganisationDto>, ValidationProblem>> PutAsync(
        int id, [FromBody] OrganisationInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, id, body ?? new OrganisationInput(), ct) switch
        {
            Changed c => TypedResults.Ok(OrganisationAdmin.ToDto(c.Organisation, await OrganisationAdmin.HistoryAsync(db, id, ct))),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int id, OrganisationInput input, CancellationToken ct)
    {
        var organisation = await OrganisationAdmin.LoadAsync(db, id, ct);
        OrganisationAdmin.RequireVersion(organisation, input.Version);
        var (errors, _, kind, embeteId) = await OrganisationAdmin.CheckAsync(db, input, withOrgNumber: false, ct);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var before = OrganisationAdmin.Snapshot(organisation);
        organisation.Name = input.Name!.Trim();
        organisation.Kind = kind;
        if (organisation.EmbeteId != embeteId)
        {
            organisation.EmbeteId = embeteId;
            organisation.CountyNumber = await OrganisationAdmin.CountyOfAsync(db, embeteId, ct);
        }
        organisation.Version++;
        OrganisationAdmin.Audit(db, me, time.GetUtcNow(), "organisation.changed", organisation, before, OrganisationAdmin.Snapshot(organisation));
        await db.SaveChangesAsync(ct);
        return new Changed(organisation);
    }
}
