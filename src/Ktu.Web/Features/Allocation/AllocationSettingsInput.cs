using Ktu.Web.Domain;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Allocation;

/// <summary>Reads the settings a case officer sent (weights, district share, minimum, rounding) over the defaults.</summary>
internal static class AllocationSettingsInput
{
    /// <returns>The settings, or null with the reasons in <paramref name="errors"/> under <paramref name="at"/>.</returns>
    public static AllocationSettings? Read(AllocationSettingsRequest s, string at, FieldErrors errors)
    {
        if (s.ScoreWeights is { } w && w.Count != 5)
        {
            errors.Add($"{at}.scoreWeights", AllocationTexts.Settings_FiveWeights);
            return null;
        }
        var settings = s.Over(AllocationSettings.Default);
        foreach (var (field, messages) in AllocationInputGuard.SettingsProblems(settings))
        {
            foreach (var message in messages)
            {
                errors.Add(field.StartsWith("settings", StringComparison.Ordinal) ? field : $"{at}.{field}", message);
            }
        }
        return errors.Count == 0 ? settings : null;
    }
}
