using System.Text.RegularExpressions;

namespace Ktu.Web.Documents;

/// <summary>
/// The merge codes a letter text may use, such as {rapportfrist}. Filling is one pass of plain
/// replacement of known keys: never string.Format, so braces in a text cannot break a letter, and a
/// value that itself contains "{saksnummer}" (an applicant may type that) is printed as it stands.
/// </summary>
internal static partial class LetterPlaceholders
{
    public const string SchemeName = "ordning";
    public const string SchemeYear = "ordningsår";
    public const string ReportDeadline = "rapportfrist";
    public const string AuditorThreshold = "revisorgrense";
    public const string Embete = "embete";
    public const string Recipient = "mottaker";
    public const string CaseReference = "saksnummer";
    public const string AmountGranted = "tilskudd";
    public const string LetterDate = "brevdato";

    public static IReadOnlyList<string> Known { get; } =
        [SchemeName, SchemeYear, ReportDeadline, AuditorThreshold, Embete, Recipient, CaseReference, AmountGranted, LetterDate];

    [GeneratedRegex(@"\{([^{}\s]{1,40})\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex Code();

    /// <summary>Replaces each known {key} with its value; unknown codes and stray braces stay as written.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Code().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>Codes in the text that are not among <see cref="Known"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Unknown(string text) =>
        Code().Matches(text)
            .Select(m => m.Groups[1].Value)
            .Where(k => !Known.Contains(k, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
