using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ktu.Web.Documents;

/// <summary>
/// The template as stored beside each letter: compact JSON in declaration order, camelCase, enums as
/// names, Norwegian letters unescaped, and its SHA-256. The same template always gives the same text
/// and checksum, so two letters made from the same words can be recognised.
/// </summary>
internal static class GrantLetterTemplateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Stored JSON is never pasted into HTML, so the relaxed encoder is safe (as in ApplicationJson).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static string Serialize(GrantLetterTemplate template) => JsonSerializer.Serialize(template, Options);

    public static GrantLetterTemplate Deserialize(string json) =>
        JsonSerializer.Deserialize<GrantLetterTemplate>(json, Options)
        ?? throw new InvalidOperationException("The stored letter template is empty.");

    /// <summary>SHA-256 of the stored JSON's UTF-8 bytes, lower-case hex.</summary>
    public static string Sha256(string storedJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(storedJson)));

    public static string Sha256(GrantLetterTemplate template) => Sha256(Serialize(template));

    /// <summary>The embete's own texts alone, as stored per embete and year.</summary>
    public static string SerializeEmbete(GrantLetterEmbeteTexts texts) => JsonSerializer.Serialize(texts, Options);

    public static GrantLetterEmbeteTexts DeserializeEmbete(string json) =>
        JsonSerializer.Deserialize<GrantLetterEmbeteTexts>(json, Options)
        ?? throw new InvalidOperationException("The stored letter texts are empty.");
}
