using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// Revokes an API client: no new tokens, and the tokens it has stop at the next call (<c>ApiClientTokensEndAtOnce</c>).
/// Revoking one that already is changes nothing. An application administrator revokes only their own organisation's,
/// an embete's leader only their own embete's; anyone else's client is not found.
/// </summary>
internal static class RevokeApiClient
{
    public static void Map(RouteGroupBuilder clients) =>
        clients.MapPost("/{id:guid}/revoke", EndpointAsync)
            .WithSummary("Tilbakekall en API-klient: tokenene slutter å virke med en gang.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Ok<ApiClientDto>> EndpointAsync(Guid id, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var client = await HandleAsync(db, me, time, id, ct);
        var names = await ApiClientAdmin.OwnerNamesAsync(db, [client], ct);
        return TypedResults.Ok(ApiClientAdmin.ToDto(client, names[client.Id]));
    }

    public static async Task<ApiClient> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid id, CancellationToken ct)
    {
        if (!ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(me.Granter))
        {
            throw new ForbiddenException();
        }
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null || !ApiClientsAreRegisteredOnlyForOnesOwn.Manages(me.Granter, client))
        {
            throw new NotFoundException(AdministrationTexts.ApiClient_NotFound);
        }
        if (client.IsActive)
        {
            var now = time.GetUtcNow();
            client.Revoke(now, me.Id);
            ApiClientAdmin.Audit(db, me, now, "api-client.revoked", client);
            await db.SaveChangesAsync(ct);
        }
        return client;
    }
}
