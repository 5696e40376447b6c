using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ktu.IntegrationTests.Applications;
using Ktu.IntegrationTests.Infrastructure;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ktu.IntegrationTests.Security;

/// <summary>
/// A generated corpus of hostile bodies thrown at every write endpoint (POST, PUT, PATCH, DELETE) in the
/// app's own route table, as a user of the role the route is for: malformed JSON, wrong types in every
/// field of a real request, huge strings, JSON nested 10 000 deep, bodies over the request limit, and
/// form posts with garbage. No answer may be a 5xx; an API answer that is not 2xx must be ProblemDetails;
/// the app must still answer afterwards. A new write route is covered without anyone adding it here.
/// </summary>
public sealed partial class HostileInputTests(KtuFactory factory, ITestOutputHelper output) : IClassFixture<KtuFactory>
{
    /// <summary>Who may call a route, by the authorization policy on it; a policy not listed here fails the test.</summary>
    private static readonly Dictionary<string, string> CallerByPolicy = new(StringComparer.Ordinal)
    {
        [Policies.Applicant] = "soker.5001@demo.ktu",
        [Policies.EmbeteStaff] = "saksbehandler.trondelag@demo.ktu",
        [Policies.Approver] = "leder.trondelag@demo.ktu",
        [Policies.Directorate] = "direktorat@demo.ktu",
        [Policies.Admin] = "admin@demo.ktu",
        [Policies.AllocationWhatIf] = "saksbehandler.trondelag@demo.ktu",
    };

    /// <summary>A valid request body per route, so the wrong-type corpus can spoil one field at a time.</summary>
    private static JsonObject? Template(string key, JsonObject application) => key switch
    {
        "POST /api/v1/auth/login" => new JsonObject { ["email"] = "finnes.ikke@demo.ktu", ["password"] = "Feil-passord-1" },
        "POST /api/v1/applications/" => new JsonObject { ["schemeYear"] = ApplicationApi.OpenYear },
        "PUT /api/v1/applications/{id:guid}" => ApplicationApi.Complete(new JsonObject { ["version"] = ApplicationApi.Version(application) }),
        "POST /api/v1/applications/{id:guid}/submit" => new JsonObject { ["version"] = 1 },
        "POST /api/v1/allocation/proposal" => new JsonObject
        {
            ["pot"] = 1_000_000,
            ["earmarks"] = new JsonArray(new JsonObject { ["theme"] = "avlastning", ["amount"] = 100_000 }),
            ["lines"] = new JsonArray(new JsonObject
            {
                ["id"] = "a",
                ["applicant"] = "Osen",
                ["kind"] = "project",
                ["theme"] = "avlastning",
                ["continuation"] = false,
                ["district"] = true,
                ["amountApplied"] = 150_000,
                ["score"] = 3,
            }),
            ["settings"] = new JsonObject { ["scoreWeights"] = new JsonArray(1, 2, 3, 4, 5), ["roundingUnit"] = 1000 },
        },
        _ => null,
    };

    /// <summary>Values of the wrong kind for any field.</summary>
    private static readonly JsonNode?[] WrongValues =
    [
        null, true, -1, 1e308, "tekst", new JsonArray(1, "to", null), new JsonObject(),
        "<script>'; DROP TABLE Applications; --\u0000\uD800", JsonValue.Create(long.MinValue), JsonValue.Create(decimal.MaxValue),
    ];

    private const string LogoutRoute = "/api/v1/auth/logout";
    private const string LogoutCaller = "soker.1111@demo.ktu";

    private sealed record Route(string Method, string Pattern, string? Caller)
    {
        public string Key => $"{Method} {Pattern}";
        public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);
    }

    /// <summary>One hostile request body; <paramref name="WithToken"/> builds a form body that carries the right antiforgery token.</summary>
    private sealed record Attempt(string What, HttpContent? Content, Func<string, HttpContent>? WithToken = null);

    [Fact]
    public async Task No_write_endpoint_answers_5xx_or_anything_but_problem_details_to_a_hostile_corpus()
    {
        // A draft of Trondheim's to aim at, complete and saved, so {id} is real and writable.
        var owner = await factory.CreateApiClientAsync("soker.5001@demo.ktu");
        var application = await ApplicationApi.SaveAsync(owner, ApplicationApi.Complete(await ApplicationApi.StartAsync(owner)));
        var id = ApplicationApi.Id(application);

        var routes = WriteRoutes();
        Assert.Contains(routes, r => r.Key == "PUT /api/v1/applications/{id:guid}");
        Assert.Contains(routes, r => r.Key == "POST /soknad/{id:guid}/kompetanse");

        var failures = new List<string>();
        var sent = 0;
        foreach (var route in routes)
        {
            var path = Fill(route.Pattern, id);
            var template = Template(route.Key, application);
            var attempts = route.IsApi ? JsonCorpus(template) : FormCorpus();
            foreach (var attempt in attempts)
            {
                var (client, token) = await ClientForAsync(route);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative))
                {
                    Content = attempt.WithToken is not null && token is not null ? attempt.WithToken(token) : attempt.Content,
                };
                using var response = await client.SendAsync(request);
                sent++;
                var body = await response.Content.ReadAsStringAsync();
                var problem = Judge(route, response, body);
                if (route.Key == "PUT /api/v1/applications/{id:guid}" && response.IsSuccessStatusCode && template is not null)
                {
                    // Something odd was accepted as a draft: aim the rest at the new version, so they reach the checks after it.
                    template["version"] = JsonNode.Parse(body)!["version"]!.GetValue<int>();
                }
                if (problem is not null)
                {
                    failures.Add($"{route.Key} with {attempt.What}: {problem}");
                }
            }
        }

        using var health = await factory.CreateBrowserClient().GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // Logged in afresh: the corpus also reaches "end my sessions" (/api/v1/account/sessions/end), which rightly ends the owner's token.
        var still = await ApplicationApi.GetAsync(await factory.CreateApiClientAsync("soker.5001@demo.ktu"), id);
        Assert.Equal(id, ApplicationApi.Id(still));

        output.WriteLine($"SUMMARY: {routes.Count} write routes, {sent} hostile requests, {failures.Count} wrong answers");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests got a wrong answer:\n" + string.Join('\n', failures.Take(40)));
    }

    private static string? Judge(Route route, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status}";
        }
        if (body.Contains("   at ", StringComparison.Ordinal) && body.Contains("Exception", StringComparison.Ordinal))
        {
            return $"{status} with a stack trace";
        }
        if (route.IsApi && status >= 400)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type != "application/problem+json")
            {
                return $"{status} as {type ?? "no content type"}, not application/problem+json";
            }
            if (JsonNode.Parse(body) is not JsonObject o || o["status"]?.GetValue<int>() != status || o["title"] is null)
            {
                return $"{status} without a ProblemDetails status and title";
            }
        }
        return null;
    }

    /// <summary>Every write route in the app's endpoint data source, with the demo user of the role it needs.</summary>
    private List<Route> WriteRoutes()
    {
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = new HashSet<Route>();
        var unknown = new List<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText;
            if (pattern is null || endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue;
            }
            pattern = pattern.StartsWith('/') ? pattern : "/" + pattern;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0)
            {
                var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>();
                methods = page is null ? ["POST"] : page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
            }
            string? caller = null;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
                var policy = policies.LastOrDefault();
                if (policy is not null && !CallerByPolicy.ContainsKey(policy))
                {
                    unknown.Add($"{pattern} needs policy {policy}");
                }
                // No policy: any signed-in user; the applicant is the one who writes most.
                caller = policy is null ? CallerByPolicy[Policies.Applicant] : CallerByPolicy.GetValueOrDefault(policy);
                // Logging out ends every token of the account: aim it at an account nothing else here uses.
                caller = pattern == LogoutRoute ? LogoutCaller : caller;
            }
            foreach (var method in methods.Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                routes.Add(new Route(method, pattern, caller));
            }
        }
        Assert.True(unknown.Count == 0, "Routes with a policy this test does not know a caller for:\n" + string.Join('\n', unknown));
        return [.. routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}?]*)?\??\}")]
    private static partial Regex Parameter();

    private static string Fill(string pattern, string id) => Parameter().Replace(pattern, m => m.Groups[1].Value switch
    {
        "id" => id,
        "year" => ApplicationApi.OpenYear.ToString(CultureInfo.InvariantCulture),
        "number" => "1",
        "questionId" => "00000000-0000-0000-0000-000000000001",
        "attachmentId" or "grantId" or "claimId" or "changeId" or "reallocationId" => "00000000-0000-0000-0000-000000000002",
        "name" => "scenario",
        "embete" => "trondelag",
        "provider" => "idporten",
        "role" => "applicant",
        var name => throw new InvalidOperationException($"No value for route parameter {{{name}}} in {pattern}."),
    });

    private readonly Dictionary<string, (HttpClient Client, string? Token)> _signedIn = new(StringComparer.Ordinal);

    private async Task<(HttpClient Client, string? Token)> ClientForAsync(Route route)
    {
        if (route.Caller is null)
        {
            var anonymous = factory.CreateBrowserClient();
            if (route.IsApi)
            {
                return (anonymous, null);
            }
            using var page = await anonymous.GetAsync(new Uri("/logg-inn", UriKind.Relative));
            return (anonymous, Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync()));
        }
        if (route.IsApi && route.Pattern == LogoutRoute)
        {
            return (await factory.CreateApiClientAsync(route.Caller), null); // a fresh token each time: the last one was logged out
        }
        if (route.IsApi)
        {
            var key = "api " + route.Caller;
            if (!_signedIn.TryGetValue(key, out var api))
            {
                api = _signedIn[key] = (await factory.CreateApiClientAsync(route.Caller), null);
            }
            return api;
        }
        // Pages: one cookie session per caller, but a fresh one for /logg-ut, where a post may end it.
        var pageKey = "page " + route.Caller;
        if (route.Pattern == "/logg-ut" || !_signedIn.TryGetValue(pageKey, out var signedIn))
        {
            var browser = await factory.CreateSignedInBrowserClientAsync(route.Caller);
            using var start = await browser.GetAsync(new Uri("/", UriKind.Relative));
            signedIn = (browser, Forms.AntiforgeryToken(await start.Content.ReadAsStringAsync()));
            if (route.Pattern != "/logg-ut")
            {
                _signedIn[pageKey] = signedIn;
            }
        }
        return signedIn;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Bodies for a JSON endpoint: structural garbage, then every field of the template spoiled in turn.</summary>
    private static IEnumerable<Attempt> JsonCorpus(JsonObject? template)
    {
        yield return new("no body", null);
        yield return new("empty JSON body", Json(""));
        foreach (var text in new[] { "{", "}", "{\"a\":", "[1,2", "{\"a\" 1}", "{'a':1}", "nul", "tru", "{\"a\":1,,}", "\"ikke avsluttet", "{\"a\":01}", "{\"a\":NaN}", "\uFEFF\uFEFF{}" })
        {
            yield return new($"malformed JSON {text}", Json(text));
        }
        yield return new("invalid UTF-8", new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]) { Headers = { ContentType = new("application/json") } });
        foreach (var text in new[] { "[]", "\"tekst\"", "123", "true", "null", "[{}]" })
        {
            yield return new($"a {text} instead of an object", Json(text));
        }
        yield return new("arrays nested 10 000 deep", Json(new string('[', 10_000) + new string(']', 10_000)));
        yield return new("objects nested 10 000 deep", Json(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return new("a 5 MB string", Json($"{{\"description\":\"{new string('x', 5 * 1024 * 1024)}\"}}"));
        yield return new("100 000 properties", Json("{" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"p{i}\":{i}")) + "}"));
        yield return new($"a body over the {WebSetup.MaxRequestBodyBytes / 1024 / 1024} MB limit", Json($"{{\"description\":\"{new string('x', (int)WebSetup.MaxRequestBodyBytes + 1024)}\"}}"));
        yield return new("form data to a JSON endpoint", new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "1" }));
        yield return new("text/plain", new StringContent("{}", Encoding.UTF8, "text/plain"));
        yield return new("multipart garbage", new MultipartFormDataContent { { new ByteArrayContent([0, 1, 2, 255]), "file", "x.bin" } });

        if (template is null)
        {
            yield break;
        }
        foreach (var (path, replace) in Fields(template))
        {
            foreach (var wrong in WrongValues)
            {
                var copy = (JsonObject)template.DeepClone();
                replace(copy, wrong?.DeepClone());
                yield return new($"{path} = {wrong?.ToJsonString() ?? "null"}", Json(copy.ToJsonString()));
            }
            var huge = (JsonObject)template.DeepClone();
            replace(huge, new string('æ', 200_000));
            yield return new($"{path} = a 200 000-character string", Json(huge.ToJsonString()));
        }
    }

    /// <summary>Every field in the template (objects and arrays too), with a way to set it in a copy.</summary>
    private static List<(string Path, Action<JsonObject, JsonNode?> Replace)> Fields(JsonObject template)
    {
        var fields = new List<(string, Action<JsonObject, JsonNode?>)>();
        void Walk(JsonNode node, string path, List<object> steps)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o)
                    {
                        var here = new List<object>(steps) { name };
                        fields.Add(($"{path}.{name}", (root, value) => Parent(root, here)[name] = value));
                        if (child is not null)
                        {
                            Walk(child, $"{path}.{name}", here);
                        }
                    }
                    break;
                case JsonArray a when a.Count > 0 && a[0] is { } first:
                    var item = new List<object>(steps) { 0 };
                    fields.Add(($"{path}[0]", (root, value) => ((JsonArray)Node(root, steps))[0] = value));
                    Walk(first, $"{path}[0]", item);
                    break;
            }
        }
        Walk(template, "$", []);
        return fields;
    }

    private static JsonNode Node(JsonObject root, List<object> steps) =>
        steps.Aggregate((JsonNode)root, (n, s) => s is string name ? n[name]! : n[(int)s]!);

    private static JsonObject Parent(JsonObject root, List<object> steps) => (JsonObject)Node(root, steps[..^1]);

    /// <summary>Form posts: garbage field names and values, with and without the antiforgery token.</summary>
    private static IEnumerable<Attempt> FormCorpus()
    {
        yield return new("no body", null);
        yield return new("garbage fields without a token", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "y" }));
        yield return new("JSON instead of a form", Json("{\"a\":1}"));
        yield return new("multipart garbage", new MultipartFormDataContent { { new ByteArrayContent([0, 1, 2, 255]), "Input.Amount", "x.bin" } });
        yield return new("a malformed urlencoded body", new StringContent("%%%&&&=%ZZ&a=%C3%28&=&==", Encoding.UTF8, "application/x-www-form-urlencoded"));
        yield return new($"a body over the {WebSetup.MaxRequestBodyBytes / 1024 / 1024} MB limit", new StringContent("a=" + new string('x', (int)WebSetup.MaxRequestBodyBytes + 1024), Encoding.UTF8, "application/x-www-form-urlencoded"));
        // The rest carry the right antiforgery token, so they reach the page handler.
        string[] names =
        [
            "Email", "Password", "ReturnUrl", "Year", "SchemeYear", "Version", "Input.Version", "Input.AccountNumber",
            "Input.Amount", "Input.Persons", "Input.Description", "Input.Measures[0].Amount", "Input.Measures[99999999].Amount",
            "Input.Projects[0].Budget[-1].Amount", "Input.Projects[0].Themes", "Input.CompetencePlanAdopted", "Input.Deadline",
            "Input.Contact.Email", "Measures[0].Persons", "Trainings[0].Role", "Projects[0].Priority", "handler", "SourceYear", "TargetYear",
        ];
        string[] values = ["-1", "abc", "1e309", "99999999999999999999", "2027-02-30", "<script>alert(1)</script>", "\0", "", "true", "[]", new string('ø', 100_000)];
        for (var shift = 0; shift < values.Length; shift++)
        {
            var s = shift;
            yield return new($"every known field name with wrong values (set {s + 1})", null,
                token => Form(token, names.Select((n, i) => KeyValuePair.Create(n, values[(i + s) % values.Length]))));
        }
        yield return new("2 500 fields, over the form value limit", null,
            token => Form(token, Enumerable.Range(0, 2_500).Select(i => KeyValuePair.Create($"f{i}", "x"))));
        yield return new("the token twice and one field 1 999 times", null,
            token => Form(token, Enumerable.Repeat(KeyValuePair.Create("Input.Description", "x"), 1_999).Append(KeyValuePair.Create(Forms.TokenField, token))));
    }

    private static FormUrlEncodedContent Form(string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(fields.Prepend(KeyValuePair.Create(Forms.TokenField, token)));
}
