namespace Ktu.Web.Domain.Applications;

/// <summary>
/// One submission of an application: the receipt and the exact snapshot that was sent. Rows are
/// inserted once and never changed (Data/Interceptors/SubmissionsAreImmutable refuses updates);
/// a withdrawal and a resubmission add a new row and keep the old one.
/// </summary>
public sealed class ApplicationSubmission
{
    private ApplicationSubmission()
    {
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>1 for the first submission, 2 after a withdrawal and a resubmission, and so on.</summary>
    public int Number { get; private set; }
    /// <summary>The application's version that was submitted; unique per application, so one version is submitted once.</summary>
    public int ApplicationVersion { get; private set; }
    public string Reference { get; private set; } = "";
    public int SchemeYear { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public string? SubmittedByName { get; private set; }
    public string? SubmittedByEmail { get; private set; }
    /// <summary>The submitted application as JSON text, exactly as stored.</summary>
    public string Snapshot { get; private set; } = "";
    /// <summary>SHA-256 of the UTF-8 bytes of <see cref="Snapshot"/>, lower-case hex.</summary>
    public string Sha256 { get; private set; } = "";

    internal static ApplicationSubmission Record(Application application, ApplicationSnapshot snapshot, Actor by, DateTimeOffset now)
    {
        var json = ApplicationJson.Serialize(snapshot);
        return new ApplicationSubmission
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Number = snapshot.Number,
            ApplicationVersion = application.Version,
            Reference = snapshot.Reference,
            SchemeYear = application.SchemeYear,
            OrganisationId = application.OrganisationId,
            EmbeteId = application.EmbeteId,
            SubmittedAt = now,
            SubmittedByUserId = by.UserId,
            SubmittedByName = by.Name,
            SubmittedByEmail = by.Email,
            Snapshot = json,
            Sha256 = ApplicationJson.Sha256(json),
        };
    }

    public ApplicationSnapshot ReadSnapshot() => ApplicationJson.DeserializeSnapshot(Snapshot);
}
