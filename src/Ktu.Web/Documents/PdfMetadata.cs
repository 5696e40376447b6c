using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ktu.Web.Documents;

/// <summary>Title, author, subject and date of a document, written to its XMP metadata (Documents/PdfXmp).</summary>
internal sealed record PdfMetadata(string Title, string Author, string Subject, DateTimeOffset Created);
