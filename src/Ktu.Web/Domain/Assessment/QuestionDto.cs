namespace Ktu.Web.Domain.Assessment;

/// <summary>A question from the embete and its answer as JSON, the same for the case officer and the applicant.</summary>
public sealed record QuestionDto(Guid Id, string Question, string AskedBy, DateTimeOffset AskedAt, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt)
{
    public static QuestionDto From(InformationRequest q) =>
        new(q.Id, q.Question, q.AskedByName, q.AskedAt, q.Answer, q.AnsweredByName, q.AnsweredAt);
}
