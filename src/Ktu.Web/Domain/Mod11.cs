namespace Ktu.Web.Domain;

/// <summary>
/// The modulus-11 check digit used by Brønnøysundregistrene (organisation numbers)
/// and by Norwegian banks (account numbers). Weights are applied right to left, starting at 2
/// for organisation numbers and cycling 2..7 for account numbers.
/// </summary>
internal static class Mod11
{
    /// <summary>Returns the check digit for <paramref name="digits"/> with the given weights, or null when none exists (remainder 1).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> digits, ReadOnlySpan<int> weights)
    {
        if (digits.Length != weights.Length)
        {
            throw new ArgumentException("Digits and weights must be equally long.", nameof(digits));
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return null;
            }
            sum += d * weights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>Strips spaces, dots and hyphens people type into numbers ("1234.56.78903", "942 110 464").</summary>
    public static string Normalise(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }
        Span<char> buffer = input.Length <= 64 ? stackalloc char[input.Length] : new char[input.Length];
        var n = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '.' or '-' or '\u00A0' or '\t')
            {
                continue;
            }
            buffer[n++] = c;
        }
        return new string(buffer[..n]);
    }

    public static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
