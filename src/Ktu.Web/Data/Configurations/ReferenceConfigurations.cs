using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class EmbeteConfiguration : IEntityTypeConfiguration<Embete>
{
    public void Configure(EntityTypeBuilder<Embete> b)
    {
        b.ToTable("Embeter");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(64);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NameBokmal).HasMaxLength(200);
        b.Property(e => e.OrgNumber).HasMaxLength(9);
        b.HasIndex(e => e.OrgNumber).IsUnique();
    }
}

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> b)
    {
        b.ToTable("Counties");
        b.HasKey(e => e.Number);
        b.Property(e => e.Number).HasMaxLength(2);
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.OfficialName).HasMaxLength(200);
        b.Property(e => e.AuthorityName).HasMaxLength(200);
        b.Property(e => e.AuthorityOrgNumber).HasMaxLength(9);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("Organisations");
        b.Property(e => e.OrgNumber).HasMaxLength(9);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.MunicipalityNumber).HasMaxLength(4);
        b.Property(e => e.CountyNumber).HasMaxLength(2);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.HasIndex(e => e.OrgNumber).IsUnique();
        b.HasIndex(e => e.MunicipalityNumber).IsUnique();
        b.HasIndex(e => e.EmbeteId);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.IsActive);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<County>().WithMany().HasForeignKey(e => e.CountyNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(e => e.FullName).HasMaxLength(200);
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.HasOne(e => e.Organisation).WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Embete).WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
    }
}
