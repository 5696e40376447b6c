using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.ToTable("ApiClients");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(ApiClient.MaxNameLength);
        b.Property(e => e.Scopes).HasMaxLength(200);
        b.Property(e => e.SecretHash).HasMaxLength(64);
        b.Property(e => e.CreatedByUserId).HasMaxLength(450);
        b.Property(e => e.RevokedByUserId).HasMaxLength(450);
        b.Ignore(e => e.IsActive);
        b.Ignore(e => e.ScopeList);
        b.HasIndex(e => e.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
