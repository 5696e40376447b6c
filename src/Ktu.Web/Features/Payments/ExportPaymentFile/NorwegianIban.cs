using System.Diagnostics.CodeAnalysis;
using Ktu.Web.Domain;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The IBAN of a Norwegian account: "NO", two check digits and the 11-digit account number (BBAN),
/// 15 characters in all. The check digits follow ISO 7064 MOD 97-10 (ISO 13616): the IBAN with its
/// first four characters moved to the end and letters as numbers (A = 10 ... Z = 35) leaves 1 when divided by 97.
/// </summary>
internal static class NorwegianIban
{
    public static string FromBban(AccountNumber account)
    {
        var check = 98 - Mod97(account.Value + "NO00");
        return $"NO{check:00}{account.Value}";
    }

    /// <summary>The IBAN for an account number as typed, or null when it is not a valid Norwegian account number.</summary>
    public static bool TryFromBban(string? accountNumber, [NotNullWhen(true)] out string? iban)
    {
        iban = AccountNumber.TryParse(accountNumber, out var account) ? FromBban(account.Value) : null;
        return iban is not null;
    }

    /// <summary>True for a 15-character Norwegian IBAN whose MOD 97 check holds; spaces are ignored.</summary>
    public static bool IsValid(string? iban)
    {
        var s = (iban ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (s.Length != 15 || !s.StartsWith("NO", StringComparison.Ordinal) || !Mod11.AllDigits(s.AsSpan(2)))
        {
            return false;
        }
        return Mod97(s[4..] + s[..4]) == 1;
    }

    /// <summary>"NO9386011117947" as "NO93 8601 1117 947", in groups of four as printed on paper.</summary>
    public static string Formatted(string iban) =>
        string.Join(' ', iban.Chunk(4).Select(c => new string(c)));

    /// <summary>ISO 7064 MOD 97-10 over digits and letters, one character at a time so no big numbers are needed.</summary>
    internal static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                throw new ArgumentException($"An IBAN has only digits and capital letters, not '{c}'.", nameof(text));
            }
        }
        return remainder;
    }
}
