using System.Globalization;
using System.Text.RegularExpressions;

namespace Ktu.Web.Features.Applications;

/// <summary>How the part forms name their fields: from document paths, to element ids, and in the order they stand.</summary>
internal static partial class FormFields
{
    /// <summary>"competenceMeasures[0].amount" as the form names it: "CompetenceMeasures[0].Amount".</summary>
    public static string FormKey(string path) =>
        string.IsNullOrEmpty(path) ? "" : SegmentStart().Replace(path, m => m.Value.ToUpperInvariant());

    /// <summary>The id a tag helper gives the field named <paramref name="key"/>.</summary>
    public static string IdOf(string key) => string.IsNullOrEmpty(key) ? "main" : key.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    /// <summary>
    /// Sorts "Rows[2].Amount" after "Rows[1].Description", and fields within a row by <paramref name="fieldOrder"/>
    /// (field names of a row or the page in the order they stand in the form).
    /// </summary>
    public static (int, int, int, string) Order(string key, IReadOnlyList<string> fieldOrder)
    {
        var indexes = IndexPattern().Matches(key).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var name = IndexPattern().Replace(key, "");
        var at = fieldOrder.Count;
        for (var i = 0; i < fieldOrder.Count; i++)
        {
            if (name.EndsWith(fieldOrder[i], StringComparison.Ordinal))
            {
                at = i;
                break;
            }
        }
        return (indexes.Count > 0 ? indexes[0] : -1, indexes.Count > 1 ? indexes[1] : -1, at, key);
    }

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();

    [GeneratedRegex(@"(?<=^|\.)[a-z]")]
    private static partial Regex SegmentStart();
}
