using Ktu.Web.Domain.Decisions;
using Ktu.Web.Features.Payments;
using static Ktu.UnitTests.GrantLetters.LetterExamples;

namespace Ktu.UnitTests.Payments;

internal static class PaymentExamples
{
    /// <summary>Statsforvalteren i Trøndelag's account in these tests (a valid example number, not the real account).</summary>
    public const string PayerAccount = "12345678903";

    public static readonly DateOnly ExecutionDate = new(2025, 6, 2);

    public static readonly DateTimeOffset CreatedAt = new(2025, 5, 28, 8, 30, 0, TimeSpan.Zero);

    public static PaymentList List(params GrantDecision[] decisions) =>
        PaymentList.From(decisions, Trondelag, PayerAccount, ExecutionDate);
}
