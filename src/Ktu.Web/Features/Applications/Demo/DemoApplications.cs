using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Demo only (Demo:SampleApplications, which ./run.sh turns on): complete, submitted applications from a
/// spread of Trøndelag municipalities for the open demo year, so a case officer has an inbox to work on at once.
/// Trondheim (soker.5001) is left out so the demo applicant can apply as a new user. The texts are invented
/// examples, not real applications; no people are named.
/// </summary>
internal sealed class DemoApplications(IConfiguration configuration, TimeProvider time) : IDataSeed
{
    private static readonly string[] Municipalities = ["5006", "5021", "5027", "5032", "5036", "5042", "5046", "5053", "5057", "5061"];

    /// <summary>How many of the sample applications are left unassigned, for the leader to give to an officer.</summary>
    private const int LeftForTheLeader = 2;

    /// <summary>The report year's applicants (Demo:ReportYear): the demo applicant Trondheim and the ten above.</summary>
    internal static readonly string[] ReportYearMunicipalities = ["5001", .. Municipalities];

    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (configuration.GetValue("Demo:Enabled", false) && configuration.GetValue("Demo:ReportYear", false))
        {
            await SeedReportYearAsync(db, ct);
        }
        if (!configuration.GetValue("Demo:Enabled", false) || !configuration.GetValue("Demo:SampleApplications", false))
        {
            return;
        }
        var year = DemoAccounts.OpenYear(time.GetUtcNow());
        var now = time.GetUtcNow();
        // On PostgreSQL a transient failure retries one municipality's whole step (see WriteTransaction).
        var strategy = db.Database.CreateExecutionStrategy();
        for (var i = 0; i < Municipalities.Length; i++)
        {
            var index = i;
            await strategy.ExecuteAsync(c => SubmitSampleAsync(db, index, year, now, c), ct);
        }
    }

    /// <summary>
    /// This calendar year's applications (Demo:ReportYear), sent ten days before the year's deadline, so that the year can be
    /// decided and reported on in the demo (Features/Reporting/DemoReportYear). Only when the year is there and has none yet.
    /// </summary>
    private async Task SeedReportYearAsync(AppDbContext db, CancellationToken ct)
    {
        var year = DemoAccounts.OpenYear(time.GetUtcNow()) - 1;
        var scheme = await db.SchemeYears.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct);
        if (scheme is null || await db.Applications.AnyAsync(a => a.SchemeYear == year, ct))
        {
            return;
        }
        var submittedAt = scheme.ApplicationDeadline.AddDays(-10);
        // On PostgreSQL a transient failure retries one municipality's whole step (see WriteTransaction).
        var strategy = db.Database.CreateExecutionStrategy();
        for (var i = 0; i < ReportYearMunicipalities.Length; i++)
        {
            var index = i;
            await strategy.ExecuteAsync(c => SubmitReportYearAsync(db, index, year, submittedAt, c), ct);
        }
    }

    private static async Task<bool> SubmitReportYearAsync(AppDbContext db, int i, int year, DateTimeOffset submittedAt, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.MunicipalityNumber == ReportYearMunicipalities[i], ct);
        if (await db.Applications.AnyAsync(a => a.OrganisationId == organisation.Id && a.SchemeYear == year, ct))
        {
            return false;
        }
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == $"soker.{ReportYearMunicipalities[i]}@{DemoAccounts.EmailDomain}", ct);
        var actor = new Actor(user.Id, user.FullName, user.Email);
        var application = Application.Start(Guid.NewGuid(), organisation, year, actor, submittedAt);
        application.SaveDraft(Content(i, organisation.Name), actor, submittedAt);
        db.Applications.Add(application);
        var view = await ApplicationView.LoadAsync(db, application, submittedAt, ct);
        await RecordSubmission.SaveAsync(db, application, view, actor, submittedAt, demoSeed: true, receiptEmails: null, ct);
        return true;
    }

    private static async Task<bool> SubmitSampleAsync(AppDbContext db, int i, int year, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.MunicipalityNumber == Municipalities[i], ct);
        var email = $"soker.{Municipalities[i]}@{DemoAccounts.EmailDomain}";
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, ct);
        if (organisation is null || user is null
            || await db.Applications.AnyAsync(a => a.OrganisationId == organisation.Id && a.SchemeYear == year, ct))
        {
            return false;
        }
        var actor = new Actor(user.Id, user.FullName, user.Email);
        var application = Application.Start(Guid.NewGuid(), organisation, year, actor, now);
        application.SaveDraft(Content(i, organisation.Name), actor, now);
        var view = await ApplicationView.LoadAsync(db, application, now, ct);
        if (view.HasErrors || !view.Rules.IsBeforeDeadline)
        {
            return false;
        }
        db.Applications.Add(application);
        await RecordSubmission.SaveAsync(db, application, view, actor, now, demoSeed: true, receiptEmails: null, ct);
        await AssignAsync(db, application, i, now, ct);
        return true;
    }

    /// <summary>
    /// A case is given to an officer by the embete's leader, never taken by declaring impartiality (issue 16). So that
    /// the demo's case officer has cases to try at once, the leader has already given them all but the last
    /// <see cref="LeftForTheLeader"/>, which wait in the inbox for the leader (leder.trondelag) to assign.
    /// </summary>
    private static async Task AssignAsync(AppDbContext db, Application application, int i, DateTimeOffset now, CancellationToken ct)
    {
        var officer = await db.Users.AsNoTracking()
            .SingleOrDefaultAsync(u => u.Email == $"saksbehandler.{application.EmbeteId}@{DemoAccounts.EmailDomain}", ct);
        if (officer is null || i >= Municipalities.Length - LeftForTheLeader)
        {
            return;
        }
        var caseFile = CaseFile.Open(application, now);
        caseFile.AssignTo(new Actor(officer.Id, officer.FullName, officer.Email), now);
        db.CaseFiles.Add(caseFile);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Varied but deterministic content: amounts, persons, continuations, BPA roles and project themes differ by index.</summary>
    internal static ApplicationContent Content(int i, string name) => new()
    {
        AccountNumber = "12345678903",
        PaymentRemark = $"KTU {name}",
        Contact = new ContactPerson { Name = "Kontaktperson i kommunen", Email = $"ktu.{i + 1}@example.org", Phone = "400 00 000" },
        CompetencePlanAdopted = true,
        Description = $"{name} kommune søker om tilskudd til kompetanseheving i helse- og omsorgstjenestene og til utvikling av tjenestene.",
        CompetenceMeasures =
        [
            new CompetenceMeasure
            {
                EducationType = i % 3 == 0 ? "vgs" : "videreutdanning",
                Description = i % 3 == 0 ? "Fagbrev som helsefagarbeider for assistenter" : "Videreutdanning i demensomsorg og psykisk helse",
                Amount = 60_000 + 15_000 * (i % 5),
                Persons = 2 + i % 4,
                ContinuingPersons = i % 2,
            },
        ],
        BpaTrainings = i % 2 == 0
            ? [new BpaTraining { Role = (BpaRole)(1 + i % 3), Persons = 2 + i % 3, AmountPerPerson = 6_000 }]
            : [],
        Projects =
        [
            new ServiceDevelopmentProject
            {
                Priority = 1,
                Title = i % 4 == 1 ? "Fleksibel avlastning for pårørende" : "Velferdsteknologi i hjemmetjenesten",
                Themes = i % 4 == 1 ? ["avlastning", "parorende"] : ["forebygging"],
                Purpose = "Flere skal kunne bo trygt hjemme lenger, og pårørende skal orke mer.",
                Description = "Vi prøver ut nye arbeidsformer i to soner og måler effekten før vi tar dem i bruk i hele kommunen.",
                Criteria = new ProjectCriteria
                {
                    NeedsAndChallenges = "Økende behov for tjenester og knapphet på fagfolk.",
                    GoalsAndTargetGroups = "Hjemmeboende eldre og deres pårørende.",
                    OrganisationAndPartners = "Hjemmetjenesten sammen med frivilligsentralen.",
                    ExpectedGains = "Færre unødige besøk og tryggere brukere.",
                    Anchoring = "Vedtatt i kommunedirektørens ledergruppe.",
                    UserParticipation = "Brukerrådet og pårørende deltar i utprøvingen.",
                },
                Budget =
                [
                    new BudgetLine { Item = "Prosjektleder", Amount = 120_000 + 20_000 * (i % 4) },
                    new BudgetLine { Item = "Opplæring og utstyr", Amount = 60_000 },
                ],
                OwnFinancing = 40_000,
                AmountApplied = 140_000 + 20_000 * (i % 4),
                ControlMeasures = "Månedlig rapport til enhetsleder; revisor kontrollerer regnskapet.",
                SignedBy = new Signatory { Name = "Kommunedirektøren", Role = "Kommunedirektør" },
            },
        ],
    };
}
