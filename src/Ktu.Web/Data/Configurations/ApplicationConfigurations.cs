using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.ToTable("Applications");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        // Optimistic concurrency: every UPDATE says "WHERE Version = <the version I read>".
        b.Property(e => e.Version).IsConcurrencyToken();
        // JSON as plain text: the same on SQLite and PostgreSQL, and read whole, never queried inside.
        b.Property(e => e.Document);
        b.Property(e => e.CreatedByUserId).HasMaxLength(450);
        b.Property(e => e.UpdatedByUserId).HasMaxLength(450);
        b.Property(e => e.UpdatedByName).HasMaxLength(256);
        b.Property(e => e.Reference).HasMaxLength(32);
        // One application per organisation and year; two people starting at once get the same one.
        b.HasIndex(e => new { e.OrganisationId, e.SchemeYear }).IsUnique();
        // Reference numbers are unique; they come from ReferenceCounters, and these indexes guard that.
        b.HasIndex(e => e.Reference).IsUnique();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId, e.ReferenceSequence }).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchemeYear>().WithMany().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> b)
    {
        b.ToTable("ReferenceCounters");
        b.HasKey(e => new { e.SchemeYear, e.EmbeteId });
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.HasOne<SchemeYear>().WithMany().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicationSubmissionConfiguration : IEntityTypeConfiguration<ApplicationSubmission>
{
    public void Configure(EntityTypeBuilder<ApplicationSubmission> b)
    {
        b.ToTable("ApplicationSubmissions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Reference).HasMaxLength(32);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.Property(e => e.SubmittedByUserId).HasMaxLength(450);
        b.Property(e => e.SubmittedByName).HasMaxLength(256);
        b.Property(e => e.SubmittedByEmail).HasMaxLength(256);
        b.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        // A version is submitted at most once: the second of two simultaneous submits fails here.
        b.HasIndex(e => new { e.ApplicationId, e.Number }).IsUnique();
        b.HasIndex(e => new { e.ApplicationId, e.ApplicationVersion }).IsUnique();
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId });
        b.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.To).HasMaxLength(320);
        b.Property(e => e.Subject).HasMaxLength(300);
        b.Property(e => e.LastError).HasMaxLength(OutboxMessage.MaxError);
        b.Property(e => e.ServerResponse).HasMaxLength(OutboxMessage.MaxServerResponse);
        b.Property(e => e.LeasedBy).HasMaxLength(OutboxMessage.MaxLeasedBy);
        // A sender saves its result only while the row still carries its own claim (Features/Outbox/SendOutbox).
        b.Property(e => e.LeasedBy).IsConcurrencyToken();
        // The sender's query: unsent messages, oldest first.
        b.HasIndex(e => new { e.SentAt, e.CreatedAt });
    }
}
