namespace Ktu.Web.Features.GrantLetters;

/// <summary>How far letter generation has come for an embete's year: decisions, decisions with a letter, made now.</summary>
public sealed record LetterProgress(int Year, bool RoundApproved, int Decisions, int WithLetter, int Made)
{
    public int Remaining => Decisions - WithLetter;
}
