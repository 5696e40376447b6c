namespace Ktu.Web.Domain.Applications;

/// <summary>
/// An organisation's one application for one scheme year. The content is a JSON document (the
/// same on SQLite and PostgreSQL); status, version and keys are columns. <see cref="Version"/>
/// grows by one with every change and is the optimistic-concurrency token, so two people saving
/// the same draft can never overwrite each other silently. What was submitted lives in
/// <see cref="ApplicationSubmission"/> rows, which are never changed.
/// </summary>
public sealed class Application
{
    private Application()
    {
    }

    public Guid Id { get; private set; }
    public int OrganisationId { get; private set; }
    public int SchemeYear { get; private set; }
    /// <summary>The embete that receives the application, fixed when it is started.</summary>
    public string EmbeteId { get; private set; } = "";
    public ApplicationStatus Status { get; private set; }
    public int Version { get; private set; }
    /// <summary>The content as JSON text (<see cref="ApplicationJson"/>).</summary>
    public string Document { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByUserId { get; private set; } = "";
    public string? UpdatedByName { get; private set; }
    /// <summary>"KTU-2027-TRO-0001": given at the first submission and kept through withdrawals and resubmissions.</summary>
    public string? Reference { get; private set; }
    /// <summary>The running number in <see cref="Reference"/>, per embete and year.</summary>
    public int? ReferenceSequence { get; private set; }
    /// <summary>How many times the application has been submitted; the latest submission has this number.</summary>
    public int SubmissionCount { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsEditable => Status is ApplicationStatus.Draft or ApplicationStatus.Withdrawn;

    public static Application Start(Guid id, Organisation organisation, int schemeYear, Actor by, DateTimeOffset now) => new()
    {
        Id = id,
        OrganisationId = organisation.Id,
        SchemeYear = schemeYear,
        EmbeteId = organisation.EmbeteId,
        Status = ApplicationStatus.Draft,
        Version = 1,
        Document = ApplicationJson.Serialize(ApplicationContent.Empty),
        CreatedAt = now,
        CreatedByUserId = by.UserId,
        UpdatedAt = now,
        UpdatedByUserId = by.UserId,
        UpdatedByName = by.Name,
    };

    public ApplicationContent ReadContent() => ApplicationJson.Deserialize(Document);

    /// <summary>Saves the draft as typed, complete or not. A withdrawn application stays withdrawn until it is submitted again.</summary>
    public void SaveDraft(ApplicationContent content, Actor by, DateTimeOffset now)
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException("A submitted application cannot be edited; withdraw it first.");
        }
        Document = ApplicationJson.Serialize(content);
        Touch(by, now);
    }

    /// <summary>
    /// Records a submission of the current content. The caller has checked the deadline and that
    /// no errors remain; the reference is allocated by the caller on the first submission.
    /// </summary>
    public ApplicationSubmission Submit(Actor by, DateTimeOffset now, ApplicationSnapshot snapshot, string? newReference, int? newSequence)
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException("The application is already submitted.");
        }
        if (Reference is null)
        {
            Reference = newReference ?? throw new ArgumentNullException(nameof(newReference));
            ReferenceSequence = newSequence ?? throw new ArgumentNullException(nameof(newSequence));
        }
        SubmissionCount++;
        var submission = ApplicationSubmission.Record(this, snapshot with { Reference = Reference, Number = SubmissionCount }, by, now);
        Status = ApplicationStatus.Submitted;
        WithdrawnAt = null;
        Touch(by, now);
        return submission;
    }

    /// <summary>Takes the application back to be changed; the earlier submission is kept as it was.</summary>
    public void Withdraw(Actor by, DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Submitted)
        {
            throw new InvalidOperationException("Only a submitted application can be withdrawn.");
        }
        Status = ApplicationStatus.Withdrawn;
        WithdrawnAt = now;
        Touch(by, now);
    }

    private void Touch(Actor by, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        UpdatedByUserId = by.UserId;
        UpdatedByName = by.Name ?? by.Email;
    }
}
