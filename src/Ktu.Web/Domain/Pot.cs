namespace Ktu.Web.Domain;

/// <summary>
/// One embete's part of a scheme year: its share of the national amount with earmarked parts, money transferred from
/// earlier years as a line of its own, and the embete's own deadlines within the year's frame.
/// </summary>
public sealed class Pot
{
    public int Id { get; private set; }
    public int SchemeYear { get; set; }
    public required string EmbeteId { get; set; }
    /// <summary>Whole kroner of the national amount given to the embete, including earmarks.</summary>
    public long Amount { get; set; }
    /// <summary>Whole kroner of unused money from earlier years that the embete may allocate again; not part of the national amount.</summary>
    public long TransferredAmount { get; set; }
    /// <summary>
    /// Whole kroner of unused money the embete itself approved moved into this year (transfer decisions on last year's reports).
    /// Its own line, so the directorate's saving of the pots never overwrites it.
    /// </summary>
    public long ApprovedTransfers { get; set; }
    /// <summary>True when the amounts are made up for the demo (the real split comes from the directorate's letter).</summary>
    public bool IsDemoFigure { get; set; }
    /// <summary>The embete's own application deadline; null means the scheme year's (before 2025 each embete set its own).</summary>
    public DateTimeOffset? ApplicationDeadline { get; set; }
    /// <summary>The embete's own report deadline; null means the scheme year's.</summary>
    public DateOnly? ReportDeadline { get; set; }
    /// <summary>The first day reports can be written; null means 1 January after the scheme year (reports are as of 31 December).</summary>
    public DateOnly? ReportOpensOn { get; set; }
    public List<Earmark> Earmarks { get; set; } = [];

    /// <summary>What the embete can allocate: its amount, what the directorate entered as transferred, and the transfers it approved.</summary>
    public long Total => Amount + TransferredAmount + ApprovedTransfers;
}
