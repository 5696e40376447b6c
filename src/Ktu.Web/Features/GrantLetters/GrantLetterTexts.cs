using System.Globalization;
using System.Resources;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>The labels and headings of a grant letter (GrantLetterTexts.resx), kept out of the code so nynorsk can follow.</summary>
internal static class GrantLetterTexts
{
    private static readonly CultureInfo Nb = new("nb-NO");
    private static readonly ResourceManager Resources = new("Ktu.Web.Features.GrantLetters.GrantLetterTexts", typeof(GrantLetterTexts).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name, Nb) ?? throw new InvalidOperationException($"Missing text {name} in GrantLetterTexts.resx.");

    /// <summary>Only for our own resource texts; letter template texts are filled with <see cref="LetterPlaceholders"/>.</summary>
    public static string Format(string name, params object[] args) => string.Format(Nb, Get(name), args);
}
