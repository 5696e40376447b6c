using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktu.IntegrationTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using static Ktu.IntegrationTests.Applications.ApplicationApi;

namespace Ktu.IntegrationTests.Web;

/// <summary>
/// The OpenAPI document is good enough for a generated client: NSwag writes a C# client from the served document, Roslyn
/// compiles it, and the client alone drives one whole application (start, fill in, submit, read the receipt) as a
/// municipality's own system would.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class GeneratedClientTests(KtuFactory factory)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_client_generated_from_the_document_starts_fills_in_and_submits_an_application()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await factory.CreateBrowserClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var settings = new CSharpClientGeneratorSettings { ClassName = "KtuClient", GenerateClientInterfaces = false };
        settings.CSharpGeneratorSettings.Namespace = "Ktu.Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        var assembly = Compile(new CSharpClientGenerator(document, settings).GenerateFile());

        // Namsos's own system, with a token for its adviser.
        using var http = await factory.CreateApiClientAsync("soker.5007@demo.ktu");
        var client = new Generated(assembly, http);

        var started = await client.CallAsync("ApplicationsApiStart", client.Body("StartApplicationRequest", new JsonObject { ["schemeYear"] = OpenYear }));
        var draft = client.Json(started);
        var id = Guid.Parse(Id(draft));
        var filled = Complete(draft);
        var saved = client.Json(await client.CallAsync("ApplicationsApiSave", id, client.Body("ApplicationInput", filled)));
        Assert.DoesNotContain(Issues(saved), i => i["severity"]!.GetValue<string>() == "error");

        var receipt = client.Json(await client.CallAsync("ApplicationsApiSubmit", id, client.Body("SubmitRequest", new JsonObject { ["version"] = Version(saved) })));
        Assert.Matches("^[0-9a-f]{64}$", receipt["sha256"]!.GetValue<string>());
        var again = client.Json(await client.CallAsync("ApplicationsApiReceipt", id, 1));
        Assert.Equal(receipt["reference"]!.GetValue<string>(), again["reference"]!.GetValue<string>());
        // The generated enum writes its C# name (Submitted); the value is the document's "submitted".
        Assert.Equal("submitted", client.Json(await client.CallAsync("ApplicationsApiGet", id))["status"]!.GetValue<string>(), ignoreCase: true);
    }

    private static Assembly Compile(string code)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Append(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute).Assembly)
            .Append(typeof(System.Net.Http.Json.HttpClientJsonExtensions).Assembly)
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => a.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(location => MetadataReference.CreateFromFile(location));
        var compilation = CSharpCompilation.Create(
            "Ktu.Generated",
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).Select(d => d.ToString());
        Assert.True(result.Success, "The generated client does not compile: " + string.Join(Environment.NewLine, errors));
        return Assembly.Load(output.ToArray());
    }

    /// <summary>The generated client, called by operation name; bodies and answers cross as JSON into and out of its own types.</summary>
    private sealed class Generated(Assembly assembly, HttpClient http)
    {
        private readonly object _client = Activator.CreateInstance(assembly.GetType("Ktu.Generated.KtuClient", throwOnError: true)!, http)!;

        public object Body(string type, JsonNode json) =>
            JsonSerializer.Deserialize(json.ToJsonString(), assembly.GetType("Ktu.Generated." + type, throwOnError: true)!, Web)!;

        public JsonObject Json(object? value) => JsonSerializer.SerializeToNode(value, value!.GetType(), Web)!.AsObject();

        public async Task<object?> CallAsync(string operation, params object[] arguments)
        {
            var method = _client.GetType().GetMethods().Single(m =>
                m.Name == operation + "Async" && m.GetParameters().Length == arguments.Length + 1 && m.GetParameters()[^1].ParameterType == typeof(CancellationToken));
            var task = (Task)method.Invoke(_client, [.. arguments, CancellationToken.None])!;
            await task;
            return task.GetType().GetProperty("Result")?.GetValue(task);
        }
    }
}
