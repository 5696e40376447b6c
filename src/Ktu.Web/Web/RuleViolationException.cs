namespace Ktu.Web.Web;

/// <summary>An illegal state change: submit twice, edit after the deadline, approve your own assessment.</summary>
/// <param name="details">Facts a client may act on (such as "difference"), added to the 409 answer beside "code".</param>
public sealed class RuleViolationException(string message, string code = "rule-violation", IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
