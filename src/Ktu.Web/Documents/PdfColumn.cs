using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ktu.Web.Documents;

/// <summary>One column of a table: its width in points and its alignment.</summary>
internal sealed record PdfColumn(double Width, CellAlign Align = CellAlign.Left);
