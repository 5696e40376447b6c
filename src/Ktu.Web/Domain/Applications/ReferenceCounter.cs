namespace Ktu.Web.Domain.Applications;

/// <summary>
/// The last running number given in <see cref="ReferenceNumber"/> per scheme year and embete. Only the
/// database moves it, by one, in the transaction that records the submission taking the number
/// (Data/ReferenceCounters), so simultaneous submits cannot take the same number and a submission that
/// fails gives its number back.
/// </summary>
public sealed class ReferenceCounter
{
    public int SchemeYear { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int Last { get; private set; }
}
