using Ktu.Web.Domain.Assessment;

namespace Ktu.Web.Features.Applications;

/// <summary>A question from the embete and its answer, as the applicant reads it over JSON.</summary>
public sealed record QuestionDto(Guid Id, string Question, string AskedBy, DateTimeOffset AskedAt, string? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt)
{
    internal static QuestionDto From(InformationRequest q) =>
        new(q.Id, q.Question, q.AskedByName, q.AskedAt, q.Answer, q.AnsweredByName, q.AnsweredAt);
}
