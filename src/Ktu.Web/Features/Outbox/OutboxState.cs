using Ktu.Web.Domain;

namespace Ktu.Web.Features.Outbox;

/// <summary>The outbox pages' words for what became of a message.</summary>
internal static class OutboxState
{
    public static string Of(DateTimeOffset? sentAt, DateTimeOffset? nextAttemptAt, DateTimeOffset? failedAt) =>
        (sentAt, nextAttemptAt, failedAt) switch
        {
            ({ } sent, _, _) => Format.Deadline(sent),
            (_, _, { } failed) => Format.Text(OutboxTexts.Outbox_GivenUp, Format.Deadline(failed)),
            (_, { } next, _) => Format.Text(OutboxTexts.Outbox_RetryAt, Format.Deadline(next)),
            _ => OutboxTexts.Outbox_NotSent,
        };
}
