using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        // Exactly one owner: a client acts for one organisation or one embete.
        b.ToTable("ApiClients", t => t.HasCheckConstraint("CK_ApiClients_OneOwner", "(\"OrganisationId\" IS NULL) <> (\"EmbeteId\" IS NULL)"));
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(ApiClient.MaxNameLength);
        b.Property(e => e.Scopes).HasMaxLength(200);
        b.Property(e => e.SecretHash).HasMaxLength(64);
        b.Property(e => e.CreatedByUserId).HasMaxLength(450);
        b.Property(e => e.RevokedByUserId).HasMaxLength(450);
        b.Ignore(e => e.IsActive);
        b.Ignore(e => e.ScopeList);
        b.Ignore(e => e.IsEmbeteClient);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.HasIndex(e => e.OrganisationId);
        b.HasIndex(e => e.EmbeteId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
    }
}
