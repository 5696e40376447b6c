using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>A new API client: a name, the organisation it acts for and its scopes.</summary>
public sealed record ApiClientInput
{
    public string? Name { get; init; }
    public int? OrganisationId { get; init; }
    /// <summary>Some of <c>applications.read</c>, <c>drafts.write</c>, <c>decisions.read</c>, <c>reports.read</c>.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }
}

/// <summary>
/// Registers an organisation's own system as an API client (client credentials). The secret is returned once and only
/// its hash is stored; a lost secret means registering a new client and revoking the old one. The administrator registers
/// for any organisation; an application administrator only for their own (by default) and only with the applicant side's
/// scopes (<see cref="ApiClientsAreRegisteredOnlyForOnesOwn"/>, 403 otherwise).
/// </summary>
internal static class RegisterApiClient
{
    internal abstract record Outcome;
    internal sealed record Registered(ApiClient Client, string Secret, string OrganisationName) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder clients) =>
        clients.MapPost("/", EndpointAsync)
            .WithSummary("Registrer en API-klient for én organisasjon med scopes. Hemmeligheten vises bare i dette svaret.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Results<Created<RegisteredApiClientDto>, ValidationProblem>> EndpointAsync(
        [FromBody] ApiClientInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, body ?? new ApiClientInput(), ct) switch
        {
            Registered r => TypedResults.Created($"/api/v1/admin/api-clients/{r.Client.Id}",
                new RegisteredApiClientDto(ApiClientAdmin.ToDto(r.Client, r.OrganisationName), r.Secret, ApiClientAdmin.TokenEndpoint)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, ApiClientInput input, CancellationToken ct)
    {
        if (!ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(me.Granter))
        {
            throw new ForbiddenException();
        }
        // An application administrator registers for their own organisation without having to name it.
        if (input.OrganisationId is null && !me.IsInRole(Roles.Admin))
        {
            input = input with { OrganisationId = me.OrganisationId };
        }
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", AdministrationTexts.ApiClient_NameRequired);
        }
        else if (name.Length > ApiClient.MaxNameLength)
        {
            errors.Add("name", Format.Text(AdministrationTexts.ApiClient_NameTooLong, ApiClient.MaxNameLength));
        }
        var organisation = input.OrganisationId is { } orgId ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, ct) : null;
        if (organisation is null || !organisation.IsActive)
        {
            errors.Add("organisationId", AdministrationTexts.ApiClient_OrganisationRequired);
        }
        var scopes = input.Scopes ?? [];
        if (scopes.Count == 0)
        {
            errors.Add("scopes", AdministrationTexts.ApiClient_ScopesRequired);
        }
        else if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
        {
            errors.Add("scopes", Format.Text(AdministrationTexts.ApiClient_UnknownScope, unknown, string.Join(", ", ApiScopes.All)));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        if (!ApiClientsAreRegisteredOnlyForOnesOwn.Manages(me.Granter, organisation!.Id))
        {
            throw new ForbiddenException(AdministrationTexts.ApiClient_NotYourOrganisation);
        }
        var grantable = ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(me.Granter);
        if (scopes.FirstOrDefault(s => !grantable.Contains(s)) is { } notYours)
        {
            throw new ForbiddenException(Format.Text(AdministrationTexts.ApiClient_ScopeNotYours, notYours, string.Join(", ", grantable)));
        }
        var now = time.GetUtcNow();
        var (client, secret) = ApiClient.Register(name, organisation.Id, scopes, now, me.Id);
        db.ApiClients.Add(client);
        ApiClientAdmin.Audit(db, me, now, "api-client.registered", client);
        await db.SaveChangesAsync(ct);
        return new Registered(client, secret, organisation.Name);
    }
}
