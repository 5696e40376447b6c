namespace Ktu.Bench;

/// <summary>
/// The database both the app and the insert baseline run on: a SQLite file in the run's temp folder
/// (default), or a PostgreSQL server given by KTU_BENCH_POSTGRES_CS (bench.sh --postgres starts a
/// throw-away cluster and sets it). Each process gets its own database on that server.
/// </summary>
internal sealed record BenchDatabase(string Name, bool IsPostgres, string? ServerConnectionString)
{
    public static BenchDatabase FromEnvironment()
    {
        var cs = Environment.GetEnvironmentVariable("KTU_BENCH_POSTGRES_CS");
        return string.IsNullOrWhiteSpace(cs)
            ? new("SQLite", false, null)
            : new("PostgreSQL", true, cs);
    }

    /// <summary>What the insert baseline is, as shown in the report.</summary>
    public string InsertBaselineName => IsPostgres
        ? "Baseline: bare EF Core insert (PostgreSQL)"
        : "Baseline: bare EF Core insert (SQLite, WAL, synchronous=FULL)";

    /// <summary>The environment that points a KTU instance at its own database ("app" is the main one).</summary>
    public IEnumerable<KeyValuePair<string, string>> AppEnvironment(string work, string name = "app")
    {
        if (IsPostgres)
        {
            yield return new("Database__Provider", "Postgres");
            yield return new("ConnectionStrings__Postgres", On("ktu_bench_" + name));
        }
        else
        {
            yield return new("ConnectionStrings__Sqlite", $"Data Source={Path.Combine(work, name == "app" ? "ktu.db" : $"ktu-{name}.db")}");
        }
    }

    /// <summary>The argument of serve-baseline: "sqlite:PATH" or "postgres:CONNECTION STRING".</summary>
    public string BaselineArgument(string work) => IsPostgres
        ? "postgres:" + On("ktu_bench_baseline")
        : "sqlite:" + Path.Combine(work, "baseline.db");

    private string On(string database) => $"{ServerConnectionString};Database={database}";
}
