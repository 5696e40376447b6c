using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>Reads the settings a case officer sent (weights, district share, minimum, rounding) over the defaults.</summary>
internal static class AllocationSettingsInput
{
    internal abstract record Outcome;
    internal sealed record Readable(AllocationSettings Settings) : Outcome;
    /// <summary>Why the settings cannot be used, each under its field path below <c>at</c>.</summary>
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static Outcome Read(AllocationSettingsRequest s, string at)
    {
        if (s.ScoreWeights is { } w && w.Count != 5)
        {
            return new Invalid(FieldErrors.Of($"{at}.scoreWeights", AllocationTexts.Settings_FiveWeights));
        }
        var settings = s.Over(AllocationSettings.Default);
        var errors = new FieldErrors();
        foreach (var (field, messages) in AllocationInputGuard.SettingsProblems(settings))
        {
            foreach (var message in messages)
            {
                errors.Add(field.StartsWith("settings", StringComparison.Ordinal) ? field : $"{at}.{field}", message);
            }
        }
        return errors.Count == 0 ? new Readable(settings) : new Invalid(errors);
    }
}
