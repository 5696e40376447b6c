using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// One submission of a report: the receipt and the exact snapshot sent. Inserted once and never changed
/// (Data/Interceptors/SubmissionsAreImmutable); a correction after a send-back is a new row and the old is kept.
/// </summary>
public sealed class GrantReportSubmission
{
    private GrantReportSubmission()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantReportId { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public int Number { get; private set; }
    /// <summary>The report's version that was sent; unique per report, so one version is sent once.</summary>
    public int ReportVersion { get; private set; }
    /// <summary>"KTU-2027-TRO-0001-R": the grant's case reference with R for report.</summary>
    public string Reference { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public string? SubmittedByName { get; private set; }
    public string? SubmittedByEmail { get; private set; }
    public string Snapshot { get; private set; } = "";
    /// <summary>SHA-256 of the UTF-8 bytes of <see cref="Snapshot"/>, lower-case hex.</summary>
    public string Sha256 { get; private set; } = "";

    internal static GrantReportSubmission Record(GrantReport report, ReportSnapshot snapshot, Actor by, DateTimeOffset now)
    {
        var json = ReportJson.Serialize(snapshot);
        return new GrantReportSubmission
        {
            Id = Guid.NewGuid(),
            GrantReportId = report.Id,
            GrantDecisionId = report.GrantDecisionId,
            Number = snapshot.Number,
            ReportVersion = report.Version,
            Reference = snapshot.Reference,
            SchemeYear = report.SchemeYear,
            OrganisationId = report.OrganisationId,
            EmbeteId = report.EmbeteId,
            SubmittedAt = now,
            SubmittedByUserId = by.UserId,
            SubmittedByName = by.Name,
            SubmittedByEmail = by.Email,
            Snapshot = json,
            Sha256 = ApplicationJson.Sha256(json),
        };
    }

    public ReportSnapshot ReadSnapshot() => ReportJson.DeserializeSnapshot(Snapshot);
}
