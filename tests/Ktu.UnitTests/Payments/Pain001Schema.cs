using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Ktu.UnitTests.Payments;

/// <summary>
/// Validates a pain.001 document against pain.001.001.09-subset.xsd, KTU's own schema for the part of
/// pain.001.001.09 that Pain001 writes (see the file's header). Shared with the integration tests by a link.
/// </summary>
internal static class Pain001Schema
{
    public const string FileName = "pain.001.001.09-subset.xsd";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every schema error, as "line:position message"; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Errors(XDocument document)
    {
        var errors = new List<string>();
        document.Validate(Schemas.Value, (_, e) => errors.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}"));
        return errors;
    }

    /// <summary>Parses the bytes as written (line numbers kept) and validates them.</summary>
    public static IReadOnlyList<string> Errors(byte[] xml)
    {
        using var stream = new MemoryStream(xml);
        return Errors(XDocument.Load(stream, LoadOptions.SetLineInfo));
    }

    public static void AssertValid(byte[] xml)
    {
        var errors = Errors(xml);
        Assert.True(errors.Count == 0, "The pain.001 file does not follow the schema:\n" + string.Join('\n', errors));
    }

    private static XmlSchemaSet Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Payments", FileName);
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
