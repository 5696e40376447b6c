using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ktu.Web.Web;

/// <summary>
/// Schemas written so client generators read them right: numbers as numbers, enums as strings, a nullable reference as the
/// reference alone. The schema transformer runs per schema; <see cref="NullableReferencesAsReferences"/> runs once over the
/// finished document from <see cref="OpenApiConventions.ApplyAsync"/>.
/// </summary>
internal static class OpenApiSchemaConventions
{
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
    public static void NullableReferencesAsReferences(OpenApiDocument doc)
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
}
