using System.Diagnostics.CodeAnalysis;

namespace Ktu.Web.Domain;

/// <summary>A Norwegian organisation number: nine digits, the last a MOD11 check digit (weights 3 2 7 6 5 4 3 2).</summary>
public readonly record struct OrgNumber
{
    private static readonly int[] Weights = [3, 2, 7, 6, 5, 4, 3, 2];

    public string Value { get; }

    private OrgNumber(string value) => Value = value;

    public override string ToString() => Value;

    /// <summary>"942110464" as "942 110 464", the way Brønnøysundregistrene prints it.</summary>
    public string Formatted => $"{Value[..3]} {Value[3..6]} {Value[6..]}";

    public static bool TryParse(string? input, [NotNullWhen(true)] out OrgNumber? result) =>
        TryParse(input, out result, out _);

    public static bool TryParse(string? input, [NotNullWhen(true)] out OrgNumber? result, out string? error)
    {
        result = null;
        var s = Mod11.Normalise(input);
        if (s.Length == 0)
        {
            error = DomainTexts.OrgNumber_Missing;
            return false;
        }
        if (s.Length != 9 || !Mod11.AllDigits(s))
        {
            error = DomainTexts.OrgNumber_NotNineDigits;
            return false;
        }
        var check = Mod11.CheckDigit(s.AsSpan(0, 8), Weights);
        if (check is null || check != s[8] - '0')
        {
            error = DomainTexts.OrgNumber_Invalid;
            return false;
        }
        error = null;
        result = new OrgNumber(s);
        return true;
    }

    public static OrgNumber Parse(string input) =>
        TryParse(input, out var r, out var error) ? r.Value : throw new FormatException(error);

    public static bool IsValid(string? input) => TryParse(input, out _);
}
