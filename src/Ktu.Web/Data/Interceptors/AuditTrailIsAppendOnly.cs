using Ktu.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// Seals new audit entries onto the end of the hash chain in the same SaveChanges as the change they
/// record, and refuses any change or deletion of an existing entry. Two writers racing for the same
/// sequence number cannot both win: the unique index on Sequence fails the second SaveChanges, whose
/// caller retries or reports it (nothing is half-written).
/// </summary>
internal sealed class AuditTrailIsAppendOnly(bool seal, byte[]? key = null) : SaveEndInterceptor
{
    /// <summary>
    /// PostgreSQL has no process-wide write gate, and several app instances may write at once: the chain's end is
    /// read and extended under this advisory lock, held on the save's own connection from before the read until
    /// the save has committed or failed, so audited writes queue instead of colliding. (A user transaction would
    /// clash with Npgsql's retrying execution strategy; Npgsql's pool reset also drops the lock if all else fails.)
    /// A save inside a caller's transaction (<see cref="WriteTransaction"/>) takes the lock for that transaction
    /// instead: its entries are not visible to the next writer until the transaction commits, so the lock must last until then.
    /// </summary>
    private const long PostgresChainLock = 0x4B54_5541_5544_4954; // "KTUAUDIT"

    private readonly PerContext<ChainLock> _locks = new();

    private sealed class ChainLock
    {
        /// <summary>The context's connection holds the lock, until the save ends.</summary>
        public bool Held;
        /// <summary>The lock is the caller's transaction's: PostgreSQL releases it at commit or rollback.</summary>
        public bool ForTransaction;

        public string Sql() => ForTransaction
            ? $"SELECT pg_advisory_xact_lock({PostgresChainLock})"
            : $"SELECT pg_advisory_lock({PostgresChainLock})";
    }

    /// <summary>Refuses changes to existing entries; registered before SQLite's write gate, so a refusal never holds the gate.</summary>
    public static AuditTrailIsAppendOnly Guard() => new(seal: false);

    /// <summary>Seals new entries; registered after SQLite's write gate, so reading the chain's end and writing are one step.</summary>
    public static AuditTrailIsAppendOnly Sealer(byte[] key) => new(seal: true, key);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Pending(db, seal) is { Count: > 0 } added)
        {
            if (IsPostgres(db))
            {
                db.Database.OpenConnection();
                var chainLock = _locks.For(db);
                chainLock.Held = true;
                chainLock.ForTransaction = db.Database.CurrentTransaction is not null;
                db.Database.ExecuteSqlRaw(chainLock.Sql());
            }
            var last = db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefault();
            Seal(added, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis, key!);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Pending(db, seal) is { Count: > 0 } added)
        {
            if (IsPostgres(db))
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                var chainLock = _locks.For(db);
                chainLock.Held = true;
                chainLock.ForTransaction = db.Database.CurrentTransaction is not null;
                await db.Database.ExecuteSqlRawAsync(chainLock.Sql(), cancellationToken);
            }
            var last = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            Seal(added, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis, key!);
        }
        return result;
    }

    /// <summary>Releases the chain lock once the save has ended, whatever the outcome, and gives the connection back.</summary>
    protected override void OnSaveEnded(DbContext? db)
    {
        if (db is null || _locks.For(db) is not { Held: true } chainLock)
        {
            return;
        }
        chainLock.Held = false;
        try
        {
            if (!chainLock.ForTransaction)
            {
                db.Database.ExecuteSqlRaw($"SELECT pg_advisory_unlock({PostgresChainLock})");
            }
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // A broken connection has lost its session, and the lock with it; the pool's reset covers the rest.
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static bool IsPostgres(DbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static List<AuditEntry> Pending(DbContext db, bool seal)
    {
        var added = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Audit entry {entry.Entity.Sequence} is append-only; it cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
            if (seal && entry.State == EntityState.Added && !entry.Entity.IsSealed)
            {
                added.Add(entry.Entity);
            }
        }
        return added;
    }

    private static void Seal(List<AuditEntry> added, long lastSequence, string lastHash, byte[] key)
    {
        foreach (var e in added.OrderBy(e => e.At).ThenBy(e => e.Action, StringComparer.Ordinal))
        {
            e.Seal(++lastSequence, lastHash, key);
            lastHash = e.Hash;
        }
    }
}
