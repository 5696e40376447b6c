using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>A registered API client as the administrator sees it; the secret is never in it.</summary>
public sealed record ApiClientDto(Guid ClientId, string Name, int OrganisationId, string OrganisationName, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The answer to a registration: the only time the secret is shown.</summary>
public sealed record RegisteredApiClientDto(ApiClientDto Client, string ClientSecret, string TokenEndpoint);

/// <summary>What the API-client use cases share: loading, the DTO and the audit entry.</summary>
internal static class ApiClientAdmin
{
    public const string TokenEndpoint = "/api/v1/auth/token";

    /// <summary>The clients <paramref name="granter"/> manages (<see cref="ApiClientsAreRegisteredOnlyForOnesOwn.Manages"/>).</summary>
    public static async Task<List<ApiClientDto>> ListAsync(AppDbContext db, RolesAreGrantedOnlyWithinOnesOwn.Granter granter, CancellationToken ct) =>
        (await db.ApiClients.AsNoTracking()
            .Where(c => granter.Roles.Contains(Roles.Admin) || c.OrganisationId == granter.OrganisationId)
            .Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { Client = c, o.Name })
            .ToListAsync(ct))
        .OrderBy(x => x.Client.RevokedAt is not null).ThenBy(x => x.Name, StringComparer.Create(Format.Norwegian, ignoreCase: true)).ThenBy(x => x.Client.Name, StringComparer.Ordinal)
        .Select(x => ToDto(x.Client, x.Name))
        .ToList();

    public static ApiClientDto ToDto(ApiClient c, string organisationName) =>
        new(c.Id, c.Name, c.OrganisationId, organisationName, c.ScopeList, c.CreatedAt, c.RevokedAt);

    public static void Audit(AppDbContext db, CurrentUser me, DateTimeOffset now, string action, ApiClient client) =>
        AuditTrail.Record(db, me, now, action, "ApiClient", client.Id.ToString(), organisationId: client.OrganisationId,
            after: new { client.Name, client.Scopes, client.RevokedAt });
}
