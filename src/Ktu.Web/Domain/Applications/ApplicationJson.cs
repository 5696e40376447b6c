using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ktu.Web.Domain.Applications;

/// <summary>
/// How application documents are written to the database: camelCase like the API, enums as
/// names, and Norwegian letters kept readable. The relaxed encoder is safe here because stored
/// JSON is never pasted into HTML; the API writes its own, HTML-safe escaping.
/// </summary>
public static class ApplicationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static string Serialize(ApplicationContent content) => JsonSerializer.Serialize(content, Options);

    public static string Serialize(ApplicationSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static ApplicationContent Deserialize(string json) =>
        JsonSerializer.Deserialize<ApplicationContent>(json, Options) ?? ApplicationContent.Empty;

    public static ApplicationSnapshot DeserializeSnapshot(string json) =>
        JsonSerializer.Deserialize<ApplicationSnapshot>(json, Options)
        ?? throw new InvalidOperationException("Empty snapshot.");

    /// <summary>SHA-256 over the UTF-8 bytes of the stored text, as lower-case hex.</summary>
    public static string Sha256(string storedText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(storedText)));
}
