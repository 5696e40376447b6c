using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.Web.Domain;

namespace Ktu.UnitTests.Domain;

/// <summary>
/// Property-based checks of how amounts and dates are shown: MOD11 numbers have theirs in
/// <see cref="Mod11Properties"/>; these cover kroner and Norwegian deadlines.
/// </summary>
public sealed class FormatAndTimeProperties
{
    private static readonly CultureInfo Nb = new("nb-NO");

    [Property(MaxTest = 1000)]
    public Property Any_amount_in_kroner_reads_back_as_the_same_number() =>
        Prop.ForAll<long>(kroner =>
        {
            var text = Format.Nok(kroner);
            var digits = text["kr ".Length..].Replace(' ', '\u00A0');
            return text.StartsWith("kr ", StringComparison.Ordinal)
                && long.Parse(digits, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, Nb) == kroner;
        });

    [Property(MaxTest = 300)]
    public Property Amounts_are_grouped_in_threes_with_spaces() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(i => (long)i * 1000 + 999).ToArbitrary(), kroner =>
        {
            var groups = Format.Nok(kroner)["kr ".Length..].Split(' ');
            return groups.Skip(1).All(g => g.Length == 3) && groups[0].Length is >= 1 and <= 3;
        });

    /// <summary>Any day from 1970 to 2200, summer time or not: the deadline is 23:59:59 that day in Norway.</summary>
    private static Arbitrary<DateOnly> Days() =>
        Gen.Choose(0, 230 * 365).Select(d => new DateOnly(1970, 1, 1).AddDays(d)).ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property The_end_of_a_day_is_one_second_before_midnight_in_Norway() =>
        Prop.ForAll(Days(), day =>
        {
            var end = NorwayTime.EndOfDay(day);
            var local = NorwayTime.ToLocal(end);
            return end.Offset == TimeSpan.Zero
                && DateOnly.FromDateTime(local.DateTime) == day
                && local.TimeOfDay == new TimeSpan(23, 59, 59)
                && DateOnly.FromDateTime(NorwayTime.ToLocal(end.AddSeconds(1)).DateTime) == day.AddDays(1);
        });

    [Property(MaxTest = 300)]
    public Property Dates_are_written_with_the_Norwegian_month_name_and_read_back() =>
        Prop.ForAll(Days(), day =>
            DateOnly.ParseExact(Format.Date(day), "d. MMMM yyyy", Nb) == day);
}
