using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Html;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// After a conflict the form keeps what the user typed, and each field whose stored value now differs shows
/// "Lagret nå: «…»" under it, so the user sees the other version without losing their own.
/// </summary>
internal static class ConflictValues
{
    /// <summary>Form field to what is stored now, for each field of the part where that differs from the form.</summary>
    public static Dictionary<string, string> Differences(ApplicationContent mine, ApplicationContent stored, Func<string, bool> belongsHere, Func<string, string> fieldKey)
    {
        static Dictionary<string, string> Values(ApplicationContent c) =>
            ApplicationFields.Texts(c).Select(t => (t.Path, Value: t.Value ?? ""))
                .Concat(ApplicationFields.Numbers(c).Select(n => (n.Path, Value: NumberInput.Text(n.Value) ?? "")))
                .Append((Path: "competencePlanAdopted", Value: c.CompetencePlanAdopted switch { true => Texts.Common_Yes, false => Texts.Common_No, null => "" }))
                .GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var before = Values(stored);
        var after = Values(mine);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in before.Keys.Union(after.Keys).Where(belongsHere))
        {
            var now = before.GetValueOrDefault(path, "");
            if (now != after.GetValueOrDefault(path, ""))
            {
                result[fieldKey(path)] = now.Length == 0 ? Texts.Part_StoredEmpty : now;
            }
        }
        return result;
    }

    /// <summary>The "Lagret nå" line for one field, or nothing when the field did not differ.</summary>
    public static IHtmlContent Line(IReadOnlyDictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var value))
        {
            return HtmlString.Empty;
        }
        return new HtmlContentBuilder()
            .AppendHtml("<p class=\"ds-paragraph ktu-stored\" data-size=\"sm\">")
            .Append(Texts.Part_StoredNow).Append(" «").Append(value).Append("»")
            .AppendHtml("</p>");
    }
}
