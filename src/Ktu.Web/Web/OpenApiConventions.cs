using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
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
internal static partial class OpenApiConventions
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

        NullableReferencesAsReferences(doc);

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var api in context.DescriptionGroups.SelectMany(g => g.Items).OrderBy(d => d.RelativePath, StringComparer.Ordinal).ThenBy(d => d.HttpMethod, StringComparer.Ordinal))
        {
            if (Find(doc, api) is not { } operation)
            {
                continue;
            }
            operation.OperationId = Unique(OperationId(api), used);
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

    /// <summary>
    /// Types that client generators read right. Numbers are documented as numbers. The web JSON options also read them from strings, which the generator writes as
    /// <c>["integer","string"]</c> with a digits pattern; client generators then make the property a string (or worse, a
    /// number with a string default). The string form stays accepted; it is just not advertised.
    /// </summary>
    public static Task TypesForGeneratorsAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        const JsonSchemaType numeric = JsonSchemaType.Integer | JsonSchemaType.Number;
        if (schema.Type is { } type && (type & numeric) != 0 && (type & JsonSchemaType.String) != 0 && schema.Pattern is not null)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        // Enums are written as their camel-case names: say they are strings, or generators make them integers.
        if (schema.Type is null && schema.Enum is { Count: > 0 } values
            && values.All(v => v is null || v.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Null))
        {
            schema.Type = values.Any(v => v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.Null)
                ? JsonSchemaType.String | JsonSchemaType.Null
                : JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A nullable reference is written as oneOf [null, $ref], which generators for OpenAPI 3.0 turn into an empty class: the
    /// reference alone says the same to them (a C# reference is nullable anyway, and nullable enums list null).
    /// </summary>
    private static void NullableReferencesAsReferences(OpenApiDocument doc)
    {
        foreach (var schema in doc.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Properties is not { Count: > 0 } properties)
            {
                continue;
            }
            foreach (var (name, property) in properties.ToList())
            {
                if (property is OpenApiSchema { OneOf: { Count: 2 } oneOf }
                    && oneOf.Count(o => o.Type == JsonSchemaType.Null) == 1
                    && oneOf.OfType<OpenApiSchemaReference>().SingleOrDefault() is { } reference)
                {
                    properties[name] = reference;
                }
            }
        }
    }

    private static OpenApiOperation? Find(OpenApiDocument doc, ApiDescription api)
    {
        if (api.RelativePath is null || api.HttpMethod is null)
        {
            return null;
        }
        var path = "/" + RouteConstraint().Replace(api.RelativePath.Split('?')[0], "}").Replace("?}", "}", StringComparison.Ordinal).TrimEnd('/');
        if (doc.Paths is null || !doc.Paths.TryGetValue(path, out var item) || item.Operations is null)
        {
            return null;
        }
        return item.Operations.TryGetValue(new HttpMethod(api.HttpMethod), out var operation) ? operation : null;
    }

    /// <summary>The fallback policy asks every endpoint for a log-in unless it allows anonymous callers.</summary>
    private static bool RequiresLogIn(ApiDescription api) => !api.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();

    /// <summary>From the handler, e.g. <c>SaveReport.PutAsync</c> gives <c>saveReportPut</c>; a lambda falls back to method and path.</summary>
    private static string OperationId(ApiDescription api)
    {
        var method = api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        var type = method?.DeclaringType;
        while (type is { DeclaringType: not null } && type.Name.Contains('<', StringComparison.Ordinal))
        {
            type = type.DeclaringType;
        }
        if (method is not null && type is not null && !method.Name.Contains('<', StringComparison.Ordinal))
        {
            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^"Async".Length] : method.Name;
            return Camel(type.Name + (name is "Handle" or "Endpoint" or "Api" ? "" : name));
        }
        var words = new StringBuilder(api.HttpMethod!.ToLowerInvariant());
        foreach (var segment in RouteConstraint().Replace(api.RelativePath ?? "", "}").Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2))
        {
            var word = new string(segment.Where(char.IsLetterOrDigit).ToArray());
            if (word.Length > 0)
            {
                words.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
            }
        }
        return words.ToString();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Unique(string id, HashSet<string> used)
    {
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = id + n.ToString(CultureInfo.InvariantCulture);
        }
        return candidate;
    }

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

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex RouteConstraint();
}
