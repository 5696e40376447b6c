using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// Demo only (Demo:ReportYear, which ./run.sh turns on): this calendar year decided and paid in Trøndelag, so a newcomer can
/// write a report at once. The year and its report window come from the Schemes feature's demo seed and the applications
/// from the Applications feature's; here every applicant is granted what it applied for, approved by the leader after the
/// case officer, and paid, and Steinkjer (soker.5006) has already sent its report, so the case officer has one to check.
/// All texts are invented examples.
/// </summary>
internal sealed class DemoReportYear(IConfiguration configuration, TimeProvider time) : IDataSeed
{
    private const string Embete = "trondelag";
    private const string Steinkjer = "5006";

    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (!configuration.GetValue("Demo:Enabled", false) || !configuration.GetValue("Demo:ReportYear", false))
        {
            return;
        }
        var now = time.GetUtcNow();
        var year = DemoAccounts.OpenYear(now) - 1;
        var scheme = await db.Reference.SchemeYearAsync(year, ct);
        if (scheme is null || await db.AllocationRounds.AnyAsync(r => r.SchemeYear == year && r.EmbeteId == Embete, ct))
        {
            return;
        }
        var submissions = await db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.SchemeYear == year && s.EmbeteId == Embete && s.Number == 1)
            .ToListAsync(ct);
        if (submissions.Count == 0)
        {
            return;
        }
        var officer = await ActorAsync(db, $"saksbehandler.{Embete}@{DemoAccounts.EmailDomain}", ct);
        var approver = await ActorAsync(db, $"leder.{Embete}@{DemoAccounts.EmailDomain}", ct);
        var decidedAt = scheme.ApplicationDeadline.AddMonths(2);
        var round = AllocationRound.Start(Embete, year, decidedAt.AddDays(-7));
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.EmbeteId == Embete).ToDictionaryAsync(o => o.Id, ct);
        var decisions = submissions.Select(s =>
        {
            var content = s.ReadSnapshot().Application;
            var lines = CaseLines.From(content, scheme, [])
                .Select(l => new DecisionLine(l.Id, l.Part, l.Label, l.AmountApplied, l.AmountApplied, ReportingTexts.Demo_Reason))
                .ToList();
            return GrantDecision.Make(Guid.NewGuid(), s.ApplicationId, round.Id, organisations[s.OrganisationId], year, s.Reference,
                content.AccountNumber, content.PaymentRemark, lines, null, officer, approver, decidedAt);
        }).ToList();
        round.SubmitForApproval(officer, decisions.Sum(d => d.AmountGranted), decidedAt.AddDays(-2));
        round.Approve(approver, decidedAt);
        db.AllocationRounds.Add(round);
        foreach (var decision in decisions)
        {
            db.GrantDecisions.Add(decision);
            db.GrantPayments.Add(GrantPayment.Mark(decision, NorwayTime.DateOf(decidedAt.AddDays(14)), officer, decidedAt.AddDays(14), offset: 0));
        }

        // Steinkjer has reported already.
        var steinkjerId = organisations.Values.Single(o => o.MunicipalityNumber == Steinkjer).Id;
        var steinkjer = decisions.SingleOrDefault(d => d.OrganisationId == steinkjerId);
        if (steinkjer is not null)
        {
            var submitted = submissions.Single(s => s.ApplicationId == steinkjer.ApplicationId).ReadSnapshot().Application;
            var content = Completed(ReportPrefill.From(steinkjer, submitted));
            var reporter = await ActorAsync(db, $"soker.{Steinkjer}@{DemoAccounts.EmailDomain}", ct);
            var report = GrantReport.Start(steinkjer, content, reporter, now);
            db.GrantReports.Add(report);
            db.GrantReportSubmissions.Add(report.Submit(new ReportSnapshot
            {
                Reference = steinkjer.CaseReference + "-R",
                Number = 0,
                GrantId = steinkjer.Id,
                CaseReference = steinkjer.CaseReference,
                SchemeYear = year,
                SubmittedAt = now,
                SubmittedBy = reporter.Email ?? reporter.UserId,
                Organisation = new(steinkjer.ApplicantOrgNumber, steinkjer.ApplicantName),
                ReceivingEmbete = new(Embete, await db.Embeter.Where(e => e.Id == Embete).Select(e => e.NameBokmal).SingleAsync(ct)),
                Report = content,
                Granted = steinkjer.AmountGranted,
                Spent = content.TotalSpent,
                Unused = content.Unused,
                Evidence = AuditorRequirement.For(scheme, steinkjer.AmountGranted, content.TotalSpent).Evidence,
                Attachments = [],
                Issues = [],
            }, reporter, now));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An invented, complete report: one person of each competence line still in education, everything spent as granted.</summary>
    private static ReportContent Completed(ReportContent prefill) => prefill with
    {
        Competence = prefill.Competence.Select(c => c with { Completed = Math.Max(0, c.PersonsGranted - 1), Ongoing = Math.Min(1, c.PersonsGranted), DroppedOut = 0 }).ToList(),
        Bpa = prefill.Bpa.Select(b => b with { PersonsTrained = b.PersonsGranted }).ToList(),
        Projects = prefill.Projects.Select(p => p with
        {
            UserExperiences = ReportingTexts.Demo_ProjectText,
            ReducedCompensatingServices = ReportingTexts.Demo_ProjectText,
            QualitativeGains = ReportingTexts.Demo_ProjectText,
            EconomicGains = ReportingTexts.Demo_ProjectText,
            TransferValue = ReportingTexts.Demo_ProjectText,
            InnovationMethodUsed = false,
        }).ToList(),
        Staff = new StaffDevelopment { FteYearBefore = 250.4m, FteGrantYear = 256.1m },
        Accounts = prefill.Accounts.Select(a => a with { Spent = a.Granted }).ToList(),
    };

    private static async Task<Actor> ActorAsync(AppDbContext db, string email, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, ct);
        return new Actor(user.Id, user.FullName, user.Email);
    }
}
