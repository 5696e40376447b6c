using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Assessment;

/// <summary>A question from the embete to the applicant and, later, the applicant's answer.</summary>
public sealed class InformationRequest
{
    public const int MaxLength = 4000;

    private InformationRequest()
    {
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Question { get; private set; } = "";
    public string AskedByUserId { get; private set; } = "";
    public string AskedByName { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredByUserId { get; private set; }
    public string? AnsweredByName { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsOpen => AnsweredAt is null;

    public static InformationRequest Ask(Guid applicationId, string question, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = applicationId,
        Question = question.Trim(),
        AskedByUserId = by.UserId,
        AskedByName = by.DisplayName,
        AskedAt = now,
    };

    public void Reply(string answer, Actor by, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The question is already answered.");
        }
        Answer = answer.Trim();
        AnsweredByUserId = by.UserId;
        AnsweredByName = by.DisplayName;
        AnsweredAt = now;
    }
}
