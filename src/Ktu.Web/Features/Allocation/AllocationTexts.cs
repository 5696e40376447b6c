using System.Globalization;
using System.Resources;

namespace Ktu.Web.Features.Allocation;

/// <summary>The allocation's Norwegian texts (AllocationTexts.resx), kept out of the code so nynorsk can follow.</summary>
internal static class AllocationTexts
{
    private static readonly ResourceManager Resources = new("Ktu.Web.Features.Allocation.AllocationTexts", typeof(AllocationTexts).Assembly);

    public static string Get(string name) =>
        Resources.GetString(name) ?? throw new InvalidOperationException($"Missing text {name} in AllocationTexts.resx.");

    public static string Format(string name, params object[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
