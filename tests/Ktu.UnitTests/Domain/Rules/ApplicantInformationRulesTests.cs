using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using static Ktu.UnitTests.Domain.Applications.Examples;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class AccountNumberPassesMod11Tests
{
    [Theory]
    [InlineData("12345678903")]
    [InlineData("1234.56.78903")]
    [InlineData("1234 56 78903")]
    public void A_valid_account_number_passes(string account) =>
        Assert.Empty(AccountNumberPassesMod11.Check(Complete() with { AccountNumber = account }, Municipality()));

    [Theory]
    [InlineData("12345678901", "account-number-invalid")]
    [InlineData("1234567890", "account-number-invalid")]
    [InlineData("1234567890a", "account-number-invalid")]
    [InlineData("", "account-number-missing")]
    [InlineData(null, "account-number-missing")]
    public void Submit_is_refused_when_the_account_number_fails_mod11(string? account, string code)
    {
        var issue = Assert.Single(AccountNumberPassesMod11.Check(Complete() with { AccountNumber = account }, Municipality()));
        Assert.Equal(("accountNumber", code, IssueSeverity.Error), (issue.Field, issue.Code, issue.Severity));
    }
}

public sealed class ContactPersonIsReachableTests
{
    [Theory]
    [InlineData("kari@", "contact.email", "contact-email-invalid")]
    [InlineData("kari@kommune", "contact.email", "contact-email-invalid")]
    [InlineData("Kari <kari@kommune.no>", "contact.email", "contact-email-invalid")]
    public void A_malformed_email_is_an_error(string email, string field, string code)
    {
        var issue = Assert.Single(ContactPersonIsReachable.Check(Complete() with { Contact = Complete().Contact! with { Email = email } }, Municipality()));
        Assert.Equal((field, code), (issue.Field, issue.Code));
    }

    [Theory]
    [InlineData("400 00 000", true)]
    [InlineData("+47 400 00 000", true)]
    [InlineData("0047 40000000", true)]
    [InlineData("1234", false)]
    [InlineData("ring meg", false)]
    public void A_phone_number_has_eight_digits_or_a_country_code(string phone, bool valid) =>
        Assert.Equal(valid, !ContactPersonIsReachable.Check(Complete() with { Contact = Complete().Contact! with { Phone = phone } }, Municipality()).Any());

    [Fact]
    public void A_missing_contact_person_gives_one_error_per_field() =>
        Assert.Equal(["contact.name", "contact.email", "contact.phone"],
            ContactPersonIsReachable.Check(Complete() with { Contact = null }, Municipality()).Select(i => i.Field));
}

public sealed class CompetencePlanIsConfirmedTests
{
    [Fact]
    public void No_answer_is_an_error() =>
        Assert.Equal(IssueSeverity.Error, Assert.Single(CompetencePlanIsConfirmed.Check(Complete() with { CompetencePlanAdopted = null }, Municipality())).Severity);

    [Fact]
    public void No_adopted_plan_is_only_a_warning() =>
        Assert.Equal(IssueSeverity.Warning, Assert.Single(CompetencePlanIsConfirmed.Check(Complete() with { CompetencePlanAdopted = false }, Municipality())).Severity);
}

public sealed class ShortDescriptionIsGivenTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Submit_is_refused_without_a_short_description(string? description) =>
        Assert.Equal("description", Assert.Single(ShortDescriptionIsGiven.Check(Complete() with { Description = description }, Municipality())).Field);
}

public sealed class ApplicationAppliesForSomethingTests
{
    [Fact]
    public void Submit_is_refused_when_nothing_is_applied_for() =>
        Assert.Equal("nothing-applied-for", Assert.Single(ApplicationAppliesForSomething.Check(
            Complete() with { CompetenceMeasures = [], BpaTrainings = [], Projects = [] }, Municipality())).Code);

    [Fact]
    public void One_part_is_enough() =>
        Assert.Empty(ApplicationAppliesForSomething.Check(Complete() with { BpaTrainings = [], Projects = [] }, Municipality()));
}

public sealed class ApplicationsCloseAtTheDeadlineTests
{
    [Fact]
    public void An_application_may_be_sent_at_the_deadline_instant() =>
        Assert.Empty(ApplicationsCloseAtTheDeadline.Check(Complete(), Municipality(now: Deadline2025)));

    [Fact]
    public void Submit_is_refused_one_second_after_the_deadline_and_the_message_gives_the_norwegian_time()
    {
        var issue = Assert.Single(ApplicationsCloseAtTheDeadline.Check(Complete(), Municipality(now: Deadline2025.AddSeconds(1))));
        Assert.Equal("deadline-passed", issue.Code);
        Assert.Contains("17. mars 2025 kl. 23:59", issue.Message, StringComparison.Ordinal);
    }
}

public sealed class TextIsShownAsTypedTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<b>fet</b>")]
    [InlineData("javascript:alert(1)")]
    public void Markup_in_a_text_is_kept_and_gives_a_warning(string text)
    {
        var issue = Assert.Single(TextIsShownAsTyped.Check(Complete() with { Description = text }, Municipality()));
        Assert.Equal((IssueSeverity.Warning, "description"), (issue.Severity, issue.Field));
    }

    [Theory]
    [InlineData("Under 5 personer (< 5) og over 3 (> 3)")]
    [InlineData("Pårørende & frivillige")]
    [InlineData("Vi jobber med personalet om natten")]
    public void Ordinary_text_with_angle_brackets_is_not_flagged(string text) =>
        Assert.Empty(TextIsShownAsTyped.Check(Complete() with { Description = text }, Municipality()));

    /// <summary>
    /// "&lt;a" 100 000 times has no markup. With a backtracking check each "&lt;" scanned to the end, the check ran into its
    /// timeout and called the text markup; the check is linear now, so it finishes and answers correctly.
    /// </summary>
    [Fact]
    public void A_long_run_of_unclosed_tags_is_checked_to_the_end_and_is_not_markup()
    {
        var text = string.Concat(Enumerable.Repeat("<a", 100_000));
        Assert.Empty(TextIsShownAsTyped.Check(Complete() with { Description = text }, Municipality()));
        Assert.NotEmpty(TextIsShownAsTyped.Check(Complete() with { Description = text + ">" }, Municipality()));
    }
}
