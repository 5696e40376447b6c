using System.Globalization;
using System.Xml.Linq;

namespace Ktu.Web.Documents;

/// <summary>The XMP packet of a PDF/A file: title, author, subject and creation date with the value types the standard requires.</summary>
internal static class PdfXmp
{
    private static readonly XNamespace X = "adobe:ns:meta/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace XmlNs = "http://www.w3.org/XML/1998/namespace";

    public static XDocument Describe(PdfMetadata metadata)
    {
        var created = Domain.NorwayTime.ToLocal(metadata.Created).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return new XDocument(
            new XElement(X + "xmpmeta",
                new XAttribute(XNamespace.Xmlns + "x", X),
                new XElement(Rdf + "RDF",
                    new XAttribute(XNamespace.Xmlns + "rdf", Rdf),
                    new XElement(Rdf + "Description",
                        new XAttribute(Rdf + "about", ""),
                        new XAttribute(XNamespace.Xmlns + "dc", Dc),
                        new XAttribute(XNamespace.Xmlns + "xmp", Xmp),
                        new XElement(Dc + "title", Alternative(metadata.Title)),
                        new XElement(Dc + "creator", new XElement(Rdf + "Seq", new XElement(Rdf + "li", metadata.Author))),
                        new XElement(Dc + "description", Alternative(metadata.Subject)),
                        new XElement(Dc + "language", new XElement(Rdf + "Bag", new XElement(Rdf + "li", "nb-NO"))),
                        new XElement(Xmp + "CreateDate", created),
                        new XElement(Xmp + "MetadataDate", created)))));
    }

    private static XElement Alternative(string text) =>
        new(Rdf + "Alt", new XElement(Rdf + "li", new XAttribute(XmlNs + "lang", "x-default"), text));
}
