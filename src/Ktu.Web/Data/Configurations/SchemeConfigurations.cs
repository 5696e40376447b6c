using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ktu.Web.Data.Configurations;

internal sealed class SchemeYearConfiguration : IEntityTypeConfiguration<SchemeYear>
{
    public void Configure(EntityTypeBuilder<SchemeYear> b)
    {
        b.ToTable("SchemeYears");
        b.HasKey(e => e.Year);
        b.Property(e => e.Year).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.GoalText).HasMaxLength(4000);
        b.Property(e => e.ProjectPartName).HasMaxLength(200);
        b.HasMany(e => e.EducationTypes).WithOne().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Themes).WithOne().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.ApplicantRules).WithOne().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Pots).WithOne().HasForeignKey(e => e.SchemeYear).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SchemeEducationTypeConfiguration : IEntityTypeConfiguration<SchemeEducationType>
{
    public void Configure(EntityTypeBuilder<SchemeEducationType> b)
    {
        b.ToTable("SchemeEducationTypes");
        b.Property(e => e.Code).HasMaxLength(40);
        b.Property(e => e.Name).HasMaxLength(300);
        b.HasIndex(e => new { e.SchemeYear, e.Code }).IsUnique();
    }
}

internal sealed class SchemeThemeConfiguration : IEntityTypeConfiguration<SchemeTheme>
{
    public void Configure(EntityTypeBuilder<SchemeTheme> b)
    {
        b.ToTable("SchemeThemes");
        b.Property(e => e.Code).HasMaxLength(40);
        b.Property(e => e.Name).HasMaxLength(300);
        b.HasIndex(e => new { e.SchemeYear, e.Code }).IsUnique();
    }
}

internal sealed class SchemeApplicantRuleConfiguration : IEntityTypeConfiguration<SchemeApplicantRule>
{
    public void Configure(EntityTypeBuilder<SchemeApplicantRule> b)
    {
        b.ToTable("SchemeApplicantRules");
        b.HasIndex(e => new { e.SchemeYear, e.Kind }).IsUnique();
        // A short list of codes; a primitive collection is stored as JSON on both providers.
        b.PrimitiveCollection(e => e.OnlyEducationTypes);
    }
}

internal sealed class PotConfiguration : IEntityTypeConfiguration<Pot>
{
    public void Configure(EntityTypeBuilder<Pot> b)
    {
        b.ToTable("Pots");
        b.Property(e => e.EmbeteId).HasMaxLength(64);
        b.HasIndex(e => new { e.SchemeYear, e.EmbeteId }).IsUnique();
        b.Ignore(e => e.Total);
        b.HasOne<Embete>().WithMany().HasForeignKey(e => e.EmbeteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Earmarks).WithOne().HasForeignKey(e => e.PotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EarmarkConfiguration : IEntityTypeConfiguration<Earmark>
{
    public void Configure(EntityTypeBuilder<Earmark> b)
    {
        b.ToTable("Earmarks");
        b.Property(e => e.ThemeCode).HasMaxLength(40);
        b.HasIndex(e => new { e.PotId, e.ThemeCode }).IsUnique();
    }
}
