using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Decisions;

public static class DecisionJson
{
    public static string SerializeLines(IReadOnlyList<DecisionLine> lines) => DomainJson.Serialize(lines);

    public static IReadOnlyList<DecisionLine> DeserializeLines(string json) => DomainJson.Deserialize<List<DecisionLine>>(json) ?? [];
}
