using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ktu.Web.Domain;

/// <summary>How small JSON columns (assessments, decided lines, allocation settings) are written: camelCase, enums as names.</summary>
public static class DomainJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
