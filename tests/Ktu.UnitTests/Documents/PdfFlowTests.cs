using FsCheck.Xunit;
using Ktu.Web.Documents;

namespace Ktu.UnitTests.Documents;

/// <summary>Word wrap and text cleaning of the PDF layout: pure functions over the embedded font's widths.</summary>
public sealed class PdfFlowTests
{
    private const double Size = 10;
    private static readonly PdfFont Font = PdfFont.Regular;

    [Fact]
    public void Lines_break_between_words_and_never_exceed_the_width()
    {
        var text = string.Join(' ', Enumerable.Repeat("kompetanse og tjenesteutvikling", 40));

        var lines = PdfFlow.Wrap(text, Font, Size, 200);

        Assert.True(lines.Count > 5);
        Assert.All(lines, l => Assert.True(Font.Width(l, Size) <= 200, l));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void Line_breaks_the_applicant_typed_are_kept()
    {
        var lines = PdfFlow.Wrap("Første avsnitt.\n\nAndre avsnitt.", Font, Size, 400);

        Assert.Equal(["Første avsnitt.", "", "Andre avsnitt."], lines);
    }

    [Fact]
    public void A_word_wider_than_the_column_is_cut_where_it_no_longer_fits()
    {
        var word = new string('x', 500);

        var lines = PdfFlow.Wrap(word, Font, Size, 100);

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(Font.Width(l, Size) <= 100, l));
        Assert.Equal(word, string.Concat(lines));
    }

    [Fact]
    public void Cleaning_keeps_norwegian_and_sami_letters_and_replaces_what_the_font_lacks()
    {
        Assert.Equal("Søknad Porsáŋgu ? a b", Font.Clean("Søknad Porsáŋgu 😀 a\tb\u200B"));
        Assert.Equal("<script>alert(1)</script>", Font.Clean("<script>alert(1)</script>"));
        Assert.Equal("på", Font.Clean("pa\u030A")); // a + combining ring (as macOS may send it) is composed first
    }

    [Fact]
    public void The_embedded_subset_keeps_greek_and_cyrillic_and_prints_other_scripts_as_question_marks()
    {
        // Documents/Fonts/README.md: the fonts are a subset of DejaVu Sans; what they lack must still print as "?".
        Assert.Equal("Ωμέγα Привет ǩǯʒ – € ≤ ✓", Font.Clean("Ωμέγα Привет ǩǯʒ – € ≤ ✓"));
        Assert.Equal("? ? ?", Font.Clean("中 א ش"));
    }

    [Property]
    public bool Wrapping_never_loses_a_letter(string? text)
    {
        var clean = Font.Clean(text);
        var lines = PdfFlow.Wrap(clean, Font, Size, 120);
        return string.Concat(lines).Replace(" ", "", StringComparison.Ordinal)
            == clean.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
    }
}
