using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>A new API client: a name, the organisation or the embete it acts for (one of the two) and its scopes.</summary>
public sealed record ApiClientInput
{
    public string? Name { get; init; }
    /// <summary>An applicant organisation's client; leave out for an embete's.</summary>
    public int? OrganisationId { get; init; }
    /// <summary>An embete's client (e.g. <c>trondelag</c>); leave out for an organisation's.</summary>
    public string? EmbeteId { get; init; }
    /// <summary>
    /// An organisation's client: some of <c>applications.read</c>, <c>drafts.write</c>, <c>decisions.read</c>,
    /// <c>reports.read</c>. An embete's client: some of <c>cases.read</c>, <c>report-overview.read</c>.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; init; }
}

/// <summary>
/// Registers an organisation's or an embete's own system as an API client (client credentials). The secret is returned
/// once and only its hash is stored; a lost secret means registering a new client and revoking the old one. The
/// administrator registers for any organisation or embete; an application administrator only for their own organisation
/// and an embete's leader only for their own embete (by default), each with the scopes of that side only
/// (<see cref="ApiClientsAreRegisteredOnlyForOnesOwn"/>, 403 otherwise).
/// </summary>
internal static class RegisterApiClient
{
    internal abstract record Outcome;
    internal sealed record Registered(ApiClient Client, string Secret, string OwnerName) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder clients) =>
        clients.MapPost("/", EndpointAsync)
            .WithSummary("Registrer en API-klient for én organisasjon eller ett embete med scopes. Hemmeligheten vises bare i dette svaret.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Results<Created<RegisteredApiClientDto>, ValidationProblem>> EndpointAsync(
        [FromBody] ApiClientInput? body, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, me, time, body ?? new ApiClientInput(), ct) switch
        {
            Registered r => TypedResults.Created($"/api/v1/admin/api-clients/{r.Client.Id}",
                new RegisteredApiClientDto(ApiClientAdmin.ToDto(r.Client, r.OwnerName), r.Secret, ApiClientAdmin.TokenEndpoint)),
            Invalid i => i.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, ApiClientInput input, CancellationToken ct)
    {
        if (!ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(me.Granter))
        {
            throw new ForbiddenException();
        }
        // An application administrator registers for their own organisation, a leader for their own embete, without naming it.
        if (input.OrganisationId is null && input.EmbeteId is null && !me.IsInRole(Roles.Admin))
        {
            input = me.IsInRole(Roles.ApplicationAdmin) && me.OrganisationId is not null
                ? input with { OrganisationId = me.OrganisationId }
                : input with { EmbeteId = me.EmbeteId };
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
        var forEmbete = !string.IsNullOrEmpty(input.EmbeteId);
        Organisation? organisation = null;
        Embete? embete = null;
        if (forEmbete && input.OrganisationId is not null)
        {
            errors.Add("embeteId", AdministrationTexts.ApiClient_OrganisationOrEmbete);
        }
        else if (forEmbete)
        {
            embete = await db.Embeter.AsNoTracking().SingleOrDefaultAsync(e => e.Id == input.EmbeteId, ct);
            if (embete is null)
            {
                errors.Add("embeteId", AdministrationTexts.ApiClient_EmbeteRequired);
            }
        }
        else
        {
            organisation = input.OrganisationId is { } orgId ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, ct) : null;
            if (organisation is null || !organisation.IsActive)
            {
                errors.Add("organisationId", AdministrationTexts.ApiClient_OrganisationRequired);
            }
        }
        var scopes = input.Scopes ?? [];
        var side = ApiClientsAreRegisteredOnlyForOnesOwn.ScopesOfSide(forEmbete);
        if (scopes.Count == 0)
        {
            errors.Add("scopes", AdministrationTexts.ApiClient_ScopesRequired);
        }
        else if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
        {
            errors.Add("scopes", Format.Text(AdministrationTexts.ApiClient_UnknownScope, unknown, string.Join(", ", ApiScopes.All)));
        }
        else if (scopes.FirstOrDefault(s => !side.Contains(s)) is { } otherSide)
        {
            // An embete's system never gets an applicant's scopes, nor an organisation's system the embete's.
            errors.Add("scopes", Format.Text(forEmbete ? AdministrationTexts.ApiClient_ScopeNotForEmbete : AdministrationTexts.ApiClient_ScopeNotForOrganisation,
                otherSide, string.Join(", ", side)));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        if (embete is not null ? !ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(me.Granter, embete.Id) : !ApiClientsAreRegisteredOnlyForOnesOwn.Manages(me.Granter, organisation!.Id))
        {
            throw new ForbiddenException(embete is not null ? AdministrationTexts.ApiClient_NotYourEmbete : AdministrationTexts.ApiClient_NotYourOrganisation);
        }
        var grantable = ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(me.Granter);
        if (scopes.FirstOrDefault(s => !grantable.Contains(s)) is { } notYours)
        {
            throw new ForbiddenException(Format.Text(AdministrationTexts.ApiClient_ScopeNotYours, notYours, string.Join(", ", grantable)));
        }
        var now = time.GetUtcNow();
        var (client, secret) = embete is not null
            ? ApiClient.RegisterForEmbete(name, embete.Id, scopes, now, me.Id)
            : ApiClient.Register(name, organisation!.Id, scopes, now, me.Id);
        db.ApiClients.Add(client);
        ApiClientAdmin.Audit(db, me, now, "api-client.registered", client);
        await db.SaveChangesAsync(ct);
        return new Registered(client, secret, embete?.NameBokmal ?? organisation!.Name);
    }
}
