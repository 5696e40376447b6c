using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class PasswordLinkConfiguration : IEntityTypeConfiguration<PasswordLink>
{
    public void Configure(EntityTypeBuilder<PasswordLink> b)
    {
        b.ToTable("PasswordLinks");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.TokenHash).HasMaxLength(64);
        b.Property(e => e.CreatedByUserId).HasMaxLength(450);
        b.HasIndex(e => e.TokenHash).IsUnique();
        b.HasIndex(e => e.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LoginLockoutConfiguration : IEntityTypeConfiguration<LoginLockout>
{
    public void Configure(EntityTypeBuilder<LoginLockout> b)
    {
        b.ToTable("LoginLockouts");
        b.HasKey(e => new { e.UserId, e.Network });
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.Network).HasMaxLength(LoginLockout.MaxNetwork);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
