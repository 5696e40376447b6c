using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class GrantReportConfiguration : IEntityTypeConfiguration<GrantReport>
{
    public void Configure(EntityTypeBuilder<GrantReport> b)
    {
        b.ToTable("GrantReports");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.CreatedByUserId).HasMaxLength(450);
        b.Property(e => e.UpdatedByUserId).HasMaxLength(450);
        b.Property(e => e.UpdatedByName).HasMaxLength(256);
        b.Property(e => e.ReturnedReason).HasMaxLength(GrantReport.MaxReasonLength);
        b.Property(e => e.ReturnedByName).HasMaxLength(256);
        b.Property(e => e.RecommendedByUserId).HasMaxLength(450);
        b.Property(e => e.RecommendedByName).HasMaxLength(256);
        b.Property(e => e.ApprovedByUserId).HasMaxLength(450);
        b.Property(e => e.ApprovedByName).HasMaxLength(256);
        // One report per grant: two first saves at once cannot both create one.
        b.HasIndex(e => e.GrantDecisionId).IsUnique();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasIndex(e => e.OrganisationId);
        b.HasOne<GrantDecision>().WithOne().HasForeignKey<GrantReport>(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GrantReportSubmissionConfiguration : IEntityTypeConfiguration<GrantReportSubmission>
{
    public void Configure(EntityTypeBuilder<GrantReportSubmission> b)
    {
        b.ToTable("GrantReportSubmissions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Reference).HasMaxLength(64);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.SubmittedByUserId).HasMaxLength(450);
        b.Property(e => e.SubmittedByName).HasMaxLength(256);
        b.Property(e => e.SubmittedByEmail).HasMaxLength(256);
        b.HasIndex(e => new { e.GrantReportId, e.Number }).IsUnique();
        // One version is sent once: a double click gives one submission.
        b.HasIndex(e => new { e.GrantReportId, e.ReportVersion }).IsUnique();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<GrantReport>().WithMany().HasForeignKey(e => e.GrantReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> b)
    {
        b.ToTable("ReportAttachments");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.FileName).HasMaxLength(ReportAttachment.MaxFileNameLength);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.UploadedByUserId).HasMaxLength(450);
        b.Property(e => e.UploadedByName).HasMaxLength(256);
        b.HasIndex(e => e.GrantReportId);
        b.HasOne<GrantReport>().WithMany().HasForeignKey(e => e.GrantReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransferDecisionConfiguration : IEntityTypeConfiguration<TransferDecision>
{
    public void Configure(EntityTypeBuilder<TransferDecision> b)
    {
        b.ToTable("TransferDecisions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Reason).HasMaxLength(TransferDecision.MaxReasonLength);
        b.Property(e => e.DecidedByUserId).HasMaxLength(450);
        b.Property(e => e.DecidedByName).HasMaxLength(256);
        b.Property(e => e.LetterSha256).HasMaxLength(64);
        // One decision per grant's transfer application: two leaders deciding at once cannot both add to next year's pot.
        b.HasIndex(e => e.GrantDecisionId).IsUnique();
        b.HasIndex(e => new { e.FromYear, e.EmbeteId });
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RepaymentClaimConfiguration : IEntityTypeConfiguration<RepaymentClaim>
{
    public void Configure(EntityTypeBuilder<RepaymentClaim> b)
    {
        b.ToTable("RepaymentClaims");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Reason).HasMaxLength(RepaymentClaim.MaxReasonLength);
        b.Property(e => e.ChapterPost).HasMaxLength(16);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.ProposedByUserId).HasMaxLength(450);
        b.Property(e => e.ProposedByName).HasMaxLength(256);
        b.Property(e => e.IssuedByUserId).HasMaxLength(450);
        b.Property(e => e.IssuedByName).HasMaxLength(256);
        b.Property(e => e.LetterSha256).HasMaxLength(64);
        b.Property(e => e.PaidMarkedByName).HasMaxLength(256);
        b.Property(e => e.OffsetPaymentReference).HasMaxLength(64);
        b.HasIndex(e => e.GrantDecisionId);
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClaimOffsetConfiguration : IEntityTypeConfiguration<ClaimOffset>
{
    public void Configure(EntityTypeBuilder<ClaimOffset> b)
    {
        b.ToTable("ClaimOffsets");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.PaymentReference).HasMaxLength(64);
        b.Property(e => e.RecordedByName).HasMaxLength(256);
        // One deduction per claim and payment: a payment file made again reuses it.
        b.HasIndex(e => new { e.RepaymentClaimId, e.PaymentDecisionId }).IsUnique();
        b.HasIndex(e => e.PaymentDecisionId);
        b.HasOne<RepaymentClaim>().WithMany().HasForeignKey(e => e.RepaymentClaimId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.PaymentDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> b)
    {
        b.ToTable("SentReminders");
        // Never twice: one row per grant and kind.
        b.HasKey(e => new { e.GrantDecisionId, e.Kind });
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.To).HasMaxLength(256);
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<Ktu.Web.Domain.JobLease>
{
    public void Configure(EntityTypeBuilder<Ktu.Web.Domain.JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(e => e.Name);
        b.Property(e => e.Name).HasMaxLength(64);
        b.Property(e => e.HolderId).HasMaxLength(128);
    }
}

internal sealed class AccountChangeConfiguration : IEntityTypeConfiguration<AccountChange>
{
    public void Configure(EntityTypeBuilder<AccountChange> b)
    {
        b.ToTable("AccountChanges");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.AccountNumber).HasMaxLength(11);
        b.Property(e => e.OrgNumber).HasMaxLength(9);
        b.Property(e => e.AddressLine1).HasMaxLength(PostalAddress.MaxLineLength);
        b.Property(e => e.AddressLine2).HasMaxLength(PostalAddress.MaxLineLength);
        b.Property(e => e.PostCode).HasMaxLength(4);
        b.Property(e => e.Place).HasMaxLength(PostalAddress.MaxPlaceLength);
        b.Ignore(e => e.Address);
        b.Property(e => e.Reason).HasMaxLength(AccountChange.MaxReasonLength);
        b.Property(e => e.DecisionReason).HasMaxLength(AccountChange.MaxReasonLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.RequestedByUserId).HasMaxLength(450);
        b.Property(e => e.RequestedByName).HasMaxLength(256);
        b.Property(e => e.DecidedByName).HasMaxLength(256);
        b.HasIndex(e => e.GrantDecisionId);
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReallocationConfiguration : IEntityTypeConfiguration<Reallocation>
{
    public void Configure(EntityTypeBuilder<Reallocation> b)
    {
        b.ToTable("Reallocations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Ignore(e => e.NewLineId);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.FromLineId).HasMaxLength(64);
        b.Property(e => e.Purpose).HasMaxLength(Reallocation.MaxTextLength);
        b.Property(e => e.Reason).HasMaxLength(Reallocation.MaxTextLength);
        b.Property(e => e.DecisionReason).HasMaxLength(Reallocation.MaxTextLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.RequestedByName).HasMaxLength(256);
        b.Property(e => e.DecidedByName).HasMaxLength(256);
        b.HasIndex(e => e.GrantDecisionId);
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
