namespace Ktu.Web.Domain.Applications;

/// <summary>
/// Reference numbers like "KTU-2027-TRO-0001": scheme year, a three-letter code of the receiving
/// embete, and a running number per embete and year. The codes are ours (Statsforvalteren has no
/// official short codes); they must stay stable once references are issued.
/// </summary>
public static class ReferenceNumber
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["ostfold-buskerud-oslo-og-akershus"] = "OBA",
        ["innlandet"] = "INN",
        ["vestfold-og-telemark"] = "VTE",
        ["agder"] = "AGD",
        ["rogaland"] = "ROG",
        ["vestland"] = "VES",
        ["more-og-romsdal"] = "MRO",
        ["trondelag"] = "TRO",
        ["nordland"] = "NOR",
        ["troms-og-finnmark"] = "TFI",
    };

    public static string EmbeteCode(string embeteId) =>
        Codes.TryGetValue(embeteId, out var code)
            ? code
            : new string(embeteId.Where(char.IsAsciiLetter).Take(3).ToArray()).ToUpperInvariant().PadRight(3, 'X');

    public static string Format(int schemeYear, string embeteId, int sequence) =>
        $"KTU-{schemeYear}-{EmbeteCode(embeteId)}-{sequence:0000}";
}
