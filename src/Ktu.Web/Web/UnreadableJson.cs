using System.Text.Json;

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
                "Skriv et helt tall uten mellomrom, punktum, komma eller bokstaver, for eksempel 90000. Beløp er i hele kroner.",
            "competencePlanAdopted" => "Svar ja eller nei (true eller false).",
            "role" => "Velg én av rollene workLeader (arbeidsledere), caseworker (saksbehandlere) eller assistant (assistenter).",
            _ => "Verdien har feil form og kunne ikke leses. Kontroller at tekst står i anførselstegn, tall uten anførselstegn og lister i hakeparentes.",
        };
        return (field, message + " Det som var lagret fra før, er uendret.");
    }
}
