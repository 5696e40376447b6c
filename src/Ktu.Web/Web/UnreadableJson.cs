using System.Text.Json;
using Ktu.Web.Domain;

namespace Ktu.Web.Web;

/// <summary>Turns a JSON reading error into a field path ("competenceMeasures[0].amount") and a plain Norwegian message.</summary>
internal static class UnreadableJson
{
    private static readonly HashSet<string> WholeNumbers = new(StringComparer.Ordinal)
    {
        "amount", "persons", "continuingPersons", "amountPerPerson", "ownFinancing", "amountApplied",
        "priority", "version", "schemeYear",
    };

    public static (string Field, string Message) Describe(JsonException json)
    {
        var path = json.Path ?? "$";
        var field = path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var last = field.Split('.')[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            last = last[..bracket];
        }
        var message = last switch
        {
            _ when WholeNumbers.Contains(last) =>
                Texts.Json_WholeNumber,
            "competencePlanAdopted" => Texts.Json_YesNo,
            "role" => Texts.Json_Role,
            _ => Texts.Json_WrongShape,
        };
        return (field, Format.Text(Texts.Json_Unchanged, message));
    }
}
