using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ktu.Web.Web;

/// <summary>
/// What makes the OpenAPI document usable by generated clients and clean under the Redocly CLI's recommended rules: a stable,
/// unique <c>operationId</c> per operation (from the handler's class and method), the bearer scheme declared and applied to
/// every operation that needs a log-in, the OAuth 2.0 client-credentials scheme applied with its scope to each operation an
/// API client may call, the ProblemDetails answers a log-in or a route parameter can give, tag descriptions,
/// a licence, and servers without a trailing slash.
/// </summary>
internal static class OpenApiConventions
{
    public const string BearerScheme = "bearer";
    public const string ClientCredentialsScheme = "clientCredentials";

    /// <summary>What each API-client scope opens, for readers of the document.</summary>
    private static readonly Dictionary<string, string> ScopeDescriptions = new(StringComparer.Ordinal)
    {
        [Domain.ApiScopes.ApplicationsRead] = "Les organisasjonens søknader, kvitteringer og innsendte kopier.",
        [Domain.ApiScopes.DraftsWrite] = "Start og lagre organisasjonens søknadsutkast (ikke send inn).",
        [Domain.ApiScopes.DecisionsRead] = "Les vedtaket på en søknad og tilskuddsbrevet.",
        [Domain.ApiScopes.ReportsRead] = "Les rapporten på et tilskudd og innsendingene av den.",
        [Domain.ApiScopes.CasesRead] = "Embetets system: les innboksen (embetets saker for et år) og en sak. Bare lesing.",
        [Domain.ApiScopes.ReportOverviewRead] = "Embetets system: les rapportoversikten for et år. Bare lesing.",
    };

    /// <summary>The tags the features use, described for readers of the document.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Administrasjon"] = "Administrasjon: organisasjoner, brukere og invitasjoner.",
        ["Drift"] = "Drift: sikkerhetskopi og annet for administratorer.",
        ["Innlogging"] = "Innlogging, utlogging og hvem som er innlogget.",
        ["Ordningsår"] = "Ordningsårets regler, potter og frister, satt av Helsedirektoratet og embetene.",
        ["Rapportering"] = "Rapport på tilskuddet, revisorattestasjon, overføring, tilbakebetaling og endringer etter vedtaket.",
        ["Revisjonslogg"] = "Kontroll av revisjonsloggen.",
        ["Saksbehandling"] = "Embetets saksbehandling: innboks, habilitet, vurdering, notater og spørsmål til søkeren.",
        ["Søknader"] = "Søkerens samlede søknad: utkast, innsending, kvittering og vedtak.",
        ["Tildeling"] = "Fordeling av embetets ramme og godkjenning med fire øyne.",
        ["Tilskuddsbrev og utbetaling"] = "Tilskuddsbrev og utbetalingsfiler.",
    };

    private static readonly Dictionary<string, string> ProblemTitles = new(StringComparer.Ordinal)
    {
        ["401"] = "Unauthorized",
        ["403"] = "Forbidden",
        ["404"] = "Not Found",
        ["429"] = "Too Many Requests",
    };

    public static Task ApplyAsync(OpenApiDocument doc, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        doc.Info.License ??= new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") };
        foreach (var server in doc.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        foreach (var tag in doc.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
        doc.Components ??= new OpenApiComponents();
        doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        doc.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Tokenet fra POST /api/v1/auth/login, sendt som \"Authorization: Bearer ...\".",
        };

        doc.Components.SecuritySchemes[ClientCredentialsScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "For en organisasjons eller et embetes eget system (API-klient registrert av administrator, tilgangsstyrer eller embetets leder), som Maskinporten: client_id og client_secret gir et kortlevd token for organisasjonen eller embetet med scopene klienten har fått.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/api/v1/auth/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string>(ScopeDescriptions, StringComparer.Ordinal),
                },
            },
        };

        OpenApiSchemaConventions.NullableReferencesAsReferences(doc);

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var api in context.DescriptionGroups.SelectMany(g => g.Items).OrderBy(d => d.RelativePath, StringComparer.Ordinal).ThenBy(d => d.HttpMethod, StringComparer.Ordinal))
        {
            if (OpenApiOperationIds.Find(doc, api) is not { } operation)
            {
                continue;
            }
            operation.OperationId = OpenApiOperationIds.Unique(OpenApiOperationIds.OperationId(api), used);
            if (RequiresLogIn(api))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, doc)] = [] }];
                // An API client may call it too, with one of these scopes (either requirement is enough).
                var scopes = api.ActionDescriptor.EndpointMetadata.OfType<ApiScopeMetadata>().Select(m => m.Scope).Distinct().ToList();
                if (scopes.Count > 0)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ClientCredentialsScheme, doc)] = scopes });
                }
                AddProblem(doc, operation, "401");
                AddProblem(doc, operation, "403");
            }
            else
            {
                // Open to anyone: an empty requirement says so explicitly (the endpoint may still read a log-in if there is one).
                operation.Security = [new OpenApiSecurityRequirement()];
            }
            if (api.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
            {
                AddProblem(doc, operation, "404");
            }
            if (api.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            {
                AddProblem(doc, operation, "429");
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The fallback policy asks every endpoint for a log-in unless it allows anonymous callers.</summary>
    private static bool RequiresLogIn(ApiDescription api) => !api.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();

    private static void AddProblem(OpenApiDocument doc, OpenApiOperation operation, string status)
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(status))
        {
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = ProblemTitles[status],
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", doc) },
            },
        };
    }
}
