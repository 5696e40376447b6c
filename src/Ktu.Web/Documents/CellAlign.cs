using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ktu.Web.Documents;

internal enum CellAlign
{
    Left = 1,
    Right = 2,
}
