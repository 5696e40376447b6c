using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;

namespace Ktu.Web.Documents;

/// <summary>
/// Everything one grant letter is made from: one applicant's fixed decision and nothing about any other
/// applicant, the scheme year it belongs to, the sending embete and the template texts.
/// </summary>
internal sealed record GrantLetterInput
{
    public required GrantDecision Decision { get; init; }
    public required SchemeYear Scheme { get; init; }
    public required Embete Embete { get; init; }
    public required GrantLetterTemplate Template { get; init; }
    public required DateOnly LetterDate { get; init; }
    /// <summary>1 for the first letter; a corrected decision gets the next number and replaces the earlier letter.</summary>
    public int Version { get; init; } = 1;
    /// <summary>Date of the letter this one replaces, when <see cref="Version"/> is above 1.</summary>
    public DateOnly? ReplacesLetterDated { get; init; }

    /// <summary>Throws when the parts do not belong together, so a letter never mixes years, embeter or texts.</summary>
    public void EnsureConsistent()
    {
        if (Decision.SchemeYear != Scheme.Year)
        {
            throw new ArgumentException($"The decision is for {Decision.SchemeYear}, the scheme year is {Scheme.Year}.", nameof(Scheme));
        }
        if (!string.Equals(Decision.EmbeteId, Embete.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The decision belongs to embete {Decision.EmbeteId}, not {Embete.Id}.", nameof(Embete));
        }
        if (!Template.Matches(Scheme))
        {
            throw new ArgumentException("The template was made for another scheme year or other auditor settings.", nameof(Template));
        }
        if (Version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, "The first letter is version 1.");
        }
    }
}
