using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Assessment;
using Ktu.Web.Domain.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> b)
    {
        b.ToTable("CaseFiles");
        b.HasKey(e => e.ApplicationId);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.AssignedOfficerId).HasMaxLength(450);
        b.Property(e => e.AssignedOfficerName).HasMaxLength(256);
        b.Property(e => e.UpdatedByName).HasMaxLength(256);
        b.Property(e => e.InternalNote).HasMaxLength(CaseFile.MaxNoteLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<Application>().WithOne().HasForeignKey<CaseFile>(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImpartialityDeclarationConfiguration : IEntityTypeConfiguration<ImpartialityDeclaration>
{
    public void Configure(EntityTypeBuilder<ImpartialityDeclaration> b)
    {
        b.ToTable("ImpartialityDeclarations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Reason).HasMaxLength(ImpartialityDeclaration.MaxReasonLength);
        b.HasIndex(e => new { e.ApplicationId, e.UserId });
        b.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> b)
    {
        b.ToTable("InformationRequests");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Question).HasMaxLength(InformationRequest.MaxLength);
        b.Property(e => e.Answer).HasMaxLength(InformationRequest.MaxLength);
        b.Property(e => e.AskedByUserId).HasMaxLength(450);
        b.Property(e => e.AskedByName).HasMaxLength(256);
        b.Property(e => e.AnsweredByUserId).HasMaxLength(450);
        b.Property(e => e.AnsweredByName).HasMaxLength(256);
        b.HasIndex(e => e.ApplicationId);
        b.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AllocationRoundConfiguration : IEntityTypeConfiguration<AllocationRound>
{
    public void Configure(EntityTypeBuilder<AllocationRound> b)
    {
        b.ToTable("AllocationRounds");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.SubmittedByUserId).HasMaxLength(450);
        b.Property(e => e.SubmittedByName).HasMaxLength(256);
        b.Property(e => e.ApprovedByUserId).HasMaxLength(450);
        b.Property(e => e.ApprovedByName).HasMaxLength(256);
        b.Property(e => e.SentBackByName).HasMaxLength(256);
        b.Property(e => e.SentBackReason).HasMaxLength(AllocationRound.MaxReasonLength);
        b.Property(e => e.UpdatedByName).HasMaxLength(256);
        b.Property(e => e.Version).IsConcurrencyToken();
        // One allocation per embete, year and round: two officers opening it (or the next round) at once get the same one.
        b.HasIndex(e => new { e.EmbeteId, e.SchemeYear, e.Number }).IsUnique();
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchemeYear>().WithMany().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GrantDecisionConfiguration : IEntityTypeConfiguration<GrantDecision>
{
    public void Configure(EntityTypeBuilder<GrantDecision> b)
    {
        b.ToTable("GrantDecisions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.CaseReference).HasMaxLength(32);
        b.Property(e => e.ApplicantName).HasMaxLength(256);
        b.Property(e => e.ApplicantOrgNumber).HasMaxLength(9);
        b.Property(e => e.AccountNumber).HasMaxLength(64);
        b.Property(e => e.PaymentRemark).HasMaxLength(256);
        b.Property(e => e.OfficerUserId).HasMaxLength(450);
        b.Property(e => e.OfficerName).HasMaxLength(256);
        b.Property(e => e.ApproverUserId).HasMaxLength(450);
        b.Property(e => e.ApproverName).HasMaxLength(256);
        // One decision per application and round: a second approval racing the first fails here.
        b.HasIndex(e => new { e.ApplicationId, e.RoundNumber }).IsUnique();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AllocationRound>().WithMany().HasForeignKey(e => e.AllocationRoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
