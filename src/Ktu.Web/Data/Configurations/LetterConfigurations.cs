using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class GrantLetterConfiguration : IEntityTypeConfiguration<GrantLetter>
{
    public void Configure(EntityTypeBuilder<GrantLetter> b)
    {
        b.ToTable("GrantLetters");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Reason).HasMaxLength(GrantLetter.MaxReasonLength);
        b.Property(e => e.TemplateSha256).HasMaxLength(64);
        b.Property(e => e.PdfSha256).HasMaxLength(64);
        b.Property(e => e.Title).HasMaxLength(256);
        b.Property(e => e.CreatedByUserId).HasMaxLength(450);
        b.Property(e => e.CreatedByName).HasMaxLength(256);
        // One row per version: two people generating at once cannot both make version 1.
        b.HasIndex(e => new { e.GrantDecisionId, e.Version }).IsUnique();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasIndex(e => e.ApplicationId);
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> b)
    {
        b.ToTable("LetterTemplates");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.UpdatedByName).HasMaxLength(256);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.EmbeteId, e.SchemeYear }).IsUnique();
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchemeYear>().WithMany().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GrantPaymentConfiguration : IEntityTypeConfiguration<GrantPayment>
{
    public void Configure(EntityTypeBuilder<GrantPayment> b)
    {
        b.ToTable("GrantPayments");
        b.HasKey(e => e.GrantDecisionId);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.MarkedByUserId).HasMaxLength(450);
        b.Property(e => e.MarkedByName).HasMaxLength(256);
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<GrantDecision>().WithOne().HasForeignKey<GrantPayment>(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GrantProposalConfiguration : IEntityTypeConfiguration<GrantProposal>
{
    public void Configure(EntityTypeBuilder<GrantProposal> b)
    {
        b.ToTable("GrantProposals");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Reason).HasMaxLength(GrantLetter.MaxReasonLength);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.ProposedByUserId).HasMaxLength(450);
        b.Property(e => e.ProposedByName).HasMaxLength(256);
        b.Property(e => e.ClosedByUserId).HasMaxLength(450);
        b.Property(e => e.ClosedByName).HasMaxLength(256);
        // One pending proposal of a kind per grant, also when two people propose at the same moment. The filter is
        // written so that SQLite and PostgreSQL read it alike.
        b.HasIndex(e => new { e.GrantDecisionId, e.Kind }).IsUnique().HasFilter("\"Status\" = 0");
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<GrantDecision>().WithMany().HasForeignKey(e => e.GrantDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
