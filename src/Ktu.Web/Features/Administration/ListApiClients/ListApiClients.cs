using Ktu.Web.Data;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Administration;

/// <summary>The registered API clients the caller manages (the administrator's all, an application administrator's own organisation's), active first.</summary>
internal static class ListApiClients
{
    public static void Map(RouteGroupBuilder clients) =>
        clients.MapGet("/", EndpointAsync)
            .WithSummary("API-klientene du forvalter (administratoren alle, en tilgangsstyrer egen organisasjons) med organisasjon, scopes og om de er tilbakekalt.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Ok<List<ApiClientDto>>> EndpointAsync(AppDbContext db, CurrentUser me, CancellationToken ct) =>
        ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(me.Granter)
            ? TypedResults.Ok(await ApiClientAdmin.ListAsync(db, me.Granter, ct))
            : throw new ForbiddenException();
}
