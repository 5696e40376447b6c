using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Reporting;

namespace Ktu.UnitTests.Domain.Reporting;

public sealed class ReportRulesTests
{
    private static readonly SchemeYear Scheme = new()
    {
        Year = 2025,
        Name = "Kompetanse- og tjenesteutviklingstilskudd",
        ApplicationDeadline = DateTimeOffset.UnixEpoch,
        ReportDeadline = new DateOnly(2026, 3, 1),
        ReportVariancePercent = 10,
    };

    private static AuditorRequirement Print => new(AccountsEvidence.AccountsPrint, false);

    [Theory]
    [InlineData(110_000, false)]
    [InlineData(90_000, false)]
    [InlineData(110_001, true)]
    [InlineData(89_999, true)]
    public void A_line_whose_spending_differs_by_more_than_the_years_share_needs_an_explanation(long spent, bool needs)
    {
        var line = new AccountLine { LineId = "prosjekt-1", Label = "Prosjekt", Granted = 100_000, Spent = spent };
        Assert.Equal(needs, ReportRules.NeedsExplanation(line, 10));
        var issues = ReportRules.Check(new ReportContent { Accounts = [line], UnusedFunds = UnusedFundsChoice.Repay, Staff = Staff }, Scheme, Print, [AttachmentKind.AccountsPrint]);
        Assert.Equal(needs, issues.Any(i => i.Code == "variance-unexplained"));
    }

    [Fact]
    public void Unused_money_is_computed_and_needs_a_choice_and_a_transfer_needs_a_reason()
    {
        var report = new ReportContent
        {
            Staff = Staff,
            Accounts = [new AccountLine { LineId = "a", Label = "A", Granted = 100_000, Spent = 95_000 }, new AccountLine { LineId = "b", Label = "B", Granted = 50_000, Spent = 50_000 }],
        };
        Assert.Equal(5_000, report.Unused);
        Assert.Contains(ReportRules.Check(report, Scheme, Print, [AttachmentKind.AccountsPrint]), i => i.Code == "unused-choice");
        var transfer = report with { UnusedFunds = UnusedFundsChoice.Transfer };
        Assert.Contains(ReportRules.Check(transfer, Scheme, Print, [AttachmentKind.AccountsPrint]), i => i.Code == "transfer-reason");
        Assert.DoesNotContain(ReportRules.Check(transfer with { TransferReason = "Opplæring i 2026." }, Scheme, Print, [AttachmentKind.AccountsPrint]),
            i => i.Severity == IssueSeverity.Error);
        // Spending above the grant never gives a negative unused amount.
        Assert.Equal(0, (report with { Accounts = [new AccountLine { Granted = 10, Spent = 20 }] }).Unused);
    }

    [Fact]
    public void Postponing_the_statement_is_only_allowed_in_the_two_year_case()
    {
        var report = new ReportContent { Staff = Staff, AuditorStatementPostponed = true };
        Assert.Contains(ReportRules.Check(report, Scheme, new AuditorRequirement(AccountsEvidence.AuditorStatement, false), []), i => i.Code == "postpone-not-allowed");
        var allowed = ReportRules.Check(report, Scheme, new AuditorRequirement(AccountsEvidence.AuditorStatement, true), []);
        Assert.DoesNotContain(allowed, i => i.Code is "postpone-not-allowed" or "evidence-missing");
        Assert.Contains(allowed, i => i.Code == "statement-postponed");
    }

    [Fact]
    public void What_the_grant_fixes_is_taken_from_the_grant_never_from_the_input()
    {
        var prefill = new ReportContent
        {
            Competence = [new CompetenceResult { LineId = "kompetanse-1-nye", Label = "Videreutdanning", PersonsGranted = 2 }],
            Accounts = [new AccountLine { LineId = "kompetanse-1-nye", Label = "Videreutdanning", Granted = 60_000 }],
        };
        var typed = new ReportContent
        {
            Competence =
            [
                new CompetenceResult { LineId = "kompetanse-1-nye", Label = "Endret", PersonsGranted = 99, Completed = 2, Ongoing = 0, DroppedOut = 0 },
                new CompetenceResult { LineId = "oppdiktet", Label = "Ny linje", PersonsGranted = 5 },
            ],
            Accounts = [new AccountLine { LineId = "kompetanse-1-nye", Label = "Endret", Granted = 1, Spent = 60_000 }],
        };
        var merged = ReportPrefill.Merge(prefill, typed);
        var line = Assert.Single(merged.Competence);
        Assert.Equal((2, "Videreutdanning", 2), (line.PersonsGranted, line.Label, line.Completed!.Value));
        var account = Assert.Single(merged.Accounts);
        Assert.Equal((60_000L, 60_000L), (account.Granted, account.Spent!.Value));
    }

    [Fact]
    public void An_empty_report_names_each_missing_figure_once_so_no_message_repeats()
    {
        var empty = new ReportContent
        {
            Competence = [new CompetenceResult { LineId = "kompetanse-1-nye", Label = "Videreutdanning (2 personer)", PersonsGranted = 2 }],
            Bpa = [new BpaResult { LineId = "bpa-1", Label = "BPA-opplæring (2 personer)" }],
        };
        var messages = ReportRules.Check(empty, Scheme, Print, []).Select(i => i.Message).ToList();
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("Videreutdanning (2 personer): fyll inn hvor mange som har fullført (0 hvis ingen).", messages);
        Assert.Contains("Videreutdanning (2 personer): fyll inn hvor mange som fortsatt er under utdanning (0 hvis ingen).", messages);
        Assert.Contains("Videreutdanning (2 personer): fyll inn hvor mange som har avbrutt (0 hvis ingen).", messages);
        Assert.Contains("Fyll inn årsverk i helse- og omsorgstjenestene 31.12.2024.", messages);
        Assert.Contains("Fyll inn årsverk i helse- og omsorgstjenestene 31.12.2025.", messages);

        var negative = empty with { Competence = [empty.Competence[0] with { Completed = -1, Ongoing = -1, DroppedOut = 0 }] };
        var negatives = ReportRules.Check(negative, Scheme, Print, []).Where(i => i.Code == "negative").Select(i => i.Message).ToList();
        Assert.Equal(2, negatives.Distinct(StringComparer.Ordinal).Count());
    }

    private static StaffDevelopment Staff => new() { FteYearBefore = 10, FteGrantYear = 11 };
}
