using System.Diagnostics.CodeAnalysis;

namespace Ktu.Web.Domain;

/// <summary>A Norwegian bank account number: eleven digits, the last a MOD11 check digit (weights 5 4 3 2 7 6 5 4 3 2).</summary>
public readonly record struct AccountNumber
{
    private static readonly int[] Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    public string Value { get; }

    private AccountNumber(string value) => Value = value;

    public override string ToString() => Value;

    /// <summary>"12345678903" as "1234.56.78903", the way banks print it.</summary>
    public string Formatted => $"{Value[..4]}.{Value[4..6]}.{Value[6..]}";

    public static bool TryParse(string? input, [NotNullWhen(true)] out AccountNumber? result) =>
        TryParse(input, out result, out _);

    public static bool TryParse(string? input, [NotNullWhen(true)] out AccountNumber? result, out string? error)
    {
        result = null;
        var s = Mod11.Normalise(input);
        if (s.Length == 0)
        {
            error = DomainTexts.AccountNumber_Missing;
            return false;
        }
        if (s.Length != 11 || !Mod11.AllDigits(s))
        {
            error = DomainTexts.AccountNumber_NotElevenDigits;
            return false;
        }
        var check = Mod11.CheckDigit(s.AsSpan(0, 10), Weights);
        if (check is null || check != s[10] - '0')
        {
            error = DomainTexts.AccountNumber_Invalid;
            return false;
        }
        error = null;
        result = new AccountNumber(s);
        return true;
    }

    public static AccountNumber Parse(string input) =>
        TryParse(input, out var r, out var error) ? r.Value : throw new FormatException(error);

    public static bool IsValid(string? input) => TryParse(input, out _);
}
