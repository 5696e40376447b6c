using System.Globalization;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Applications;

public enum NumberKind { Amount, Persons, Priority }

/// <summary>
/// Reads whole kroner or persons as a Norwegian types them: spaces, "kr" and a trailing ",-" are allowed
/// ("90 000", "kr 90 000,-"). Anything else is kept in the form with a message and saved as empty.
/// </summary>
internal static class NumberInput
{
    /// <summary>The number, or null with the message to show (null message: the field was empty).</summary>
    internal sealed record Reading(long? Value, string? Error);

    public static Reading Read(string? text, NumberKind kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null);
        }
        var cleaned = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F').ToArray());
        if (cleaned.StartsWith("kr", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[2..];
        }
        if (cleaned.EndsWith(",-", StringComparison.Ordinal))
        {
            cleaned = cleaned[..^2];
        }
        cleaned = cleaned.Replace('\u2212', '-'); // a typographic minus
        if (long.TryParse(cleaned, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new(value, null);
        }
        var decimals = cleaned.Contains(',', StringComparison.Ordinal) || cleaned.Contains('.', StringComparison.Ordinal);
        return new(null, kind switch
        {
            NumberKind.Amount when decimals => Texts.Input_AmountWhole,
            NumberKind.Amount => Texts.Input_AmountNotNumber,
            NumberKind.Persons => Texts.Input_PersonsNotNumber,
            _ => Texts.Input_PriorityNotNumber,
        });
    }

    /// <summary>A number of persons; an absurd one stays absurd, so the shape check refuses it with its own message.</summary>
    public static int? Persons(long? value) => value is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    public static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
