using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// A registered API client as the administrator sees it; the secret is never in it. It acts for an organisation
/// (<see cref="OrganisationId"/>) or an embete (<see cref="EmbeteId"/>), never both; <see cref="OrganisationName"/> is
/// the name of whichever it is.
/// </summary>
public sealed record ApiClientDto(Guid ClientId, string Name, int? OrganisationId, string? EmbeteId, string OrganisationName, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The answer to a registration: the only time the secret is shown.</summary>
public sealed record RegisteredApiClientDto(ApiClientDto Client, string ClientSecret, string TokenEndpoint);

/// <summary>What the API-client use cases share: loading, the DTO and the audit entry.</summary>
internal static class ApiClientAdmin
{
    public const string TokenEndpoint = "/api/v1/auth/token";

    /// <summary>The clients <paramref name="granter"/> manages (<see cref="ApiClientsAreRegisteredOnlyForOnesOwn.Manages(RolesAreGrantedOnlyWithinOnesOwn.Granter, ApiClient)"/>).</summary>
    public static async Task<List<ApiClientDto>> ListAsync(AppDbContext db, RolesAreGrantedOnlyWithinOnesOwn.Granter granter, CancellationToken ct)
    {
        var admin = granter.Roles.Contains(Roles.Admin);
        var clients = await db.ApiClients.AsNoTracking()
            .Where(c => admin
                || (c.OrganisationId != null && c.OrganisationId == granter.OrganisationId)
                || (c.EmbeteId != null && c.EmbeteId == granter.EmbeteId))
            .ToListAsync(ct);
        clients = clients.Where(c => ApiClientsAreRegisteredOnlyForOnesOwn.Manages(granter, c)).ToList();
        var names = await OwnerNamesAsync(db, clients, ct);
        return clients
            .OrderBy(c => c.RevokedAt is not null).ThenBy(c => names[c.Id], StringComparer.Create(Format.Norwegian, ignoreCase: true)).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => ToDto(c, names[c.Id]))
            .ToList();
    }

    /// <summary>The name of the organisation or embete each client acts for.</summary>
    public static async Task<Dictionary<Guid, string>> OwnerNamesAsync(AppDbContext db, IReadOnlyCollection<ApiClient> clients, CancellationToken ct)
    {
        var organisationIds = clients.Where(c => c.OrganisationId is not null).Select(c => c.OrganisationId!.Value).Distinct().ToList();
        var embeteIds = clients.Where(c => c.EmbeteId is not null).Select(c => c.EmbeteId!).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var embeter = await db.Embeter.AsNoTracking().Where(e => embeteIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.NameBokmal, ct);
        return clients.ToDictionary(c => c.Id, c => c.EmbeteId is { } e ? embeter[e] : organisations[c.OrganisationId!.Value]);
    }

    public static ApiClientDto ToDto(ApiClient c, string ownerName) =>
        new(c.Id, c.Name, c.OrganisationId, c.EmbeteId, ownerName, c.ScopeList, c.CreatedAt, c.RevokedAt);

    public static void Audit(AppDbContext db, CurrentUser me, DateTimeOffset now, string action, ApiClient client) =>
        AuditTrail.Record(db, me, now, action, "ApiClient", client.Id.ToString(), organisationId: client.OrganisationId, embeteId: client.EmbeteId,
            after: new { client.Name, client.Scopes, client.RevokedAt });
}
