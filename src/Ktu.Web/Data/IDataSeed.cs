namespace Ktu.Web.Data;

/// <summary>
/// A step that loads data once the migrations have run (reference data, known scheme years, demo data). Each feature
/// registers its own; they run in the order they were registered, and each must be idempotent, so a restart duplicates nothing.
/// </summary>
public interface IDataSeed
{
    Task SeedAsync(AppDbContext db, CancellationToken ct);
}
