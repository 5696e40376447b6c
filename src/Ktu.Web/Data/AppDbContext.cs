using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ktu.Web.Data;

/// <summary>
/// The one unit of work of KTU. Handlers use it directly (ADR 0002). Two provider-specific
/// subclasses exist only so each provider keeps its own migration set (ADR 0003).
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Embete> Embeter => Set<Embete>();
    public DbSet<County> Counties => Set<County>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<SchemeYear> SchemeYears => Set<SchemeYear>();
    public DbSet<Pot> Pots => Set<Pot>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationSubmission> ApplicationSubmissions => Set<ApplicationSubmission>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<Ktu.Web.Domain.Assessment.CaseFile> CaseFiles => Set<Ktu.Web.Domain.Assessment.CaseFile>();
    public DbSet<Ktu.Web.Domain.Assessment.ImpartialityDeclaration> ImpartialityDeclarations => Set<Ktu.Web.Domain.Assessment.ImpartialityDeclaration>();
    public DbSet<Ktu.Web.Domain.Assessment.InformationRequest> InformationRequests => Set<Ktu.Web.Domain.Assessment.InformationRequest>();
    public DbSet<Ktu.Web.Domain.Decisions.AllocationRound> AllocationRounds => Set<Ktu.Web.Domain.Decisions.AllocationRound>();
    public DbSet<Ktu.Web.Domain.Decisions.GrantDecision> GrantDecisions => Set<Ktu.Web.Domain.Decisions.GrantDecision>();
    public DbSet<Ktu.Web.Domain.Letters.GrantLetter> GrantLetters => Set<Ktu.Web.Domain.Letters.GrantLetter>();
    public DbSet<Ktu.Web.Domain.Letters.LetterTemplate> LetterTemplates => Set<Ktu.Web.Domain.Letters.LetterTemplate>();
    public DbSet<Ktu.Web.Domain.Letters.GrantPayment> GrantPayments => Set<Ktu.Web.Domain.Letters.GrantPayment>();
    public DbSet<Ktu.Web.Domain.Letters.GrantProposal> GrantProposals => Set<Ktu.Web.Domain.Letters.GrantProposal>();
    public DbSet<Ktu.Web.Domain.Reporting.GrantReport> GrantReports => Set<Ktu.Web.Domain.Reporting.GrantReport>();
    public DbSet<Ktu.Web.Domain.Reporting.GrantReportSubmission> GrantReportSubmissions => Set<Ktu.Web.Domain.Reporting.GrantReportSubmission>();
    public DbSet<Ktu.Web.Domain.Reporting.ReportAttachment> ReportAttachments => Set<Ktu.Web.Domain.Reporting.ReportAttachment>();
    public DbSet<Ktu.Web.Domain.Reporting.TransferDecision> TransferDecisions => Set<Ktu.Web.Domain.Reporting.TransferDecision>();
    public DbSet<Ktu.Web.Domain.Reporting.RepaymentClaim> RepaymentClaims => Set<Ktu.Web.Domain.Reporting.RepaymentClaim>();
    public DbSet<Ktu.Web.Domain.Reporting.ClaimOffset> ClaimOffsets => Set<Ktu.Web.Domain.Reporting.ClaimOffset>();
    public DbSet<Ktu.Web.Domain.Reporting.SentReminder> SentReminders => Set<Ktu.Web.Domain.Reporting.SentReminder>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Ktu.Web.Domain.Reporting.AccountChange> AccountChanges => Set<Ktu.Web.Domain.Reporting.AccountChange>();
    public DbSet<Ktu.Web.Domain.Reporting.Reallocation> Reallocations => Set<Ktu.Web.Domain.Reporting.Reallocation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();
    public DbSet<LoginLockout> LoginLockouts => Set<LoginLockout>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<Ktu.Web.Domain.Audit.AuditEntry> AuditEntries => Set<Ktu.Web.Domain.Audit.AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private ReferenceCache? _referenceCache;

    /// <summary>
    /// Scheme years, organisations and embeter from the app's shared cache, read through this context when missing
    /// (<see cref="ReferenceCache"/>). A context made outside the app reads them from the database every time.
    /// </summary>
    public ReferenceReads Reference => (_referenceCache ??= ApplicationService<ReferenceCache>() ?? ReferenceCache.None).For(this);

    /// <summary>A service of the app that made this context; null for a context made outside the app (tools, tests).</summary>
    internal T? ApplicationService<T>()
        where T : class =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<T>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
