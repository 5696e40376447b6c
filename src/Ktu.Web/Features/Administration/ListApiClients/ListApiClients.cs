using Ktu.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Administration;

/// <summary>Every registered API client, active first, with its organisation and scopes.</summary>
internal static class ListApiClients
{
    public static void Map(RouteGroupBuilder clients) =>
        clients.MapGet("/", EndpointAsync)
            .WithSummary("Alle API-klienter med organisasjon, scopes og om de er tilbakekalt.");

    internal static async Task<Ok<List<ApiClientDto>>> EndpointAsync(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ApiClientAdmin.ListAsync(db, ct));
}
