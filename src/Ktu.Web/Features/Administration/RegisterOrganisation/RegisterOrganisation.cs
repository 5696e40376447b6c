using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>The administrator registers a university, university college or inter-municipal company that may apply.</summary>
internal static class RegisterOrganisation
{
    internal abstract record Outcome;
    internal sealed record Registered(Organisation Organisation) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder organisations) =>
        organisations.MapPost("/", EndpointAsync)
            .WithSummary("Registrer en søkerorganisasjon som ikke er en kommune (universitet, høgskole, interkommunalt selskap).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<Results<Created<AdminOrganisationDto>, ValidationProblem>> EndpointAsync(
        [FromBody] OrganisationInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, body ?? new OrganisationInput(), ct) switch
        {
            Registered r => TypedResults.Created($"/api/v1/admin/organisations/{r.Organisation.Id}", OrganisationAdmin.ToDto(r.Organisation)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, OrganisationInput input, CancellationToken ct)
    {
        var (errors, orgNumber, kind, embeteId) = await OrganisationAdmin.CheckAsync(db, input, withOrgNumber: true, ct);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        await RefuseDuplicateAsync(db, orgNumber, ct);
        var organisation = new Organisation
        {
            OrgNumber = orgNumber,
            Name = input.Name!.Trim(),
            Kind = kind,
            EmbeteId = embeteId,
            CountyNumber = await OrganisationAdmin.CountyOfAsync(db, embeteId, ct),
        };
        var now = time.GetUtcNow();
        try
        {
            // The id comes from the insert, and the audit entry names it: both in one transaction.
            await WriteTransaction.RunAsync(db, async () =>
            {
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync(ct);
                OrganisationAdmin.Audit(db, me, now, "organisation.registered", organisation, before: null, after: OrganisationAdmin.Snapshot(organisation));
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Registered by someone else a moment ago: the unique index on the org number kept it to one.
            db.ChangeTracker.Clear();
            await RefuseDuplicateAsync(db, orgNumber, ct);
            throw;
        }
        return new Registered(organisation);
    }

    private static async Task RefuseDuplicateAsync(AppDbContext db, string orgNumber, CancellationToken ct)
    {
        if (await db.Organisations.AsNoTracking().Where(o => o.OrgNumber == orgNumber).Select(o => o.Name).FirstOrDefaultAsync(ct) is { } name)
        {
            throw new RuleViolationException(Format.Text(AdministrationTexts.Organisation_Duplicate, orgNumber, name), "duplicate-org-number");
        }
    }
}
