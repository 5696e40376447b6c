using System.Collections.Concurrent;
using Ktu.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Scheme years with their rules, organisations and embeter, kept in memory between requests. They are reference
/// data: written at start-up, when an administrator copies a year, and otherwise almost never, yet every draft save
/// and every page of an application needs them (three queries and four split-query parts before this cache).
/// </summary>
/// <remarks>
/// <para>
/// A save through KTU's <see cref="AppDbContext"/> that touches any of them empties the cache after it commits
/// (<see cref="Interceptors.ReferenceDataChanges"/>), so this instance never serves what it has itself replaced.
/// A change it cannot see (another instance behind the same load balancer, or SQL typed by hand) shows within
/// <see cref="DefaultLifetime"/>. A value read from the database while the cache was being emptied is not kept, so a
/// slow reader cannot put the old rules back after a change.
/// </para>
/// <para>
/// Callers get the cached objects themselves, shared between requests: they are read-only by contract and
/// never attached to a <see cref="DbContext"/>. A missing row is not cached, so a year copied a moment ago is found.
/// </para>
/// </remarks>
public sealed class ReferenceCache
{
    /// <summary>How long a value is served before it is read again, when nothing this instance saved has emptied the cache first.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Keeps nothing: for a context made outside the app (design-time tools, tests that build one by hand).</summary>
    public static readonly ReferenceCache None = new(TimeProvider.System, TimeSpan.Zero);

    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;
    private readonly List<Action> _clears = [];
    private readonly Map<int, SchemeYear> _schemeYears;
    private readonly Map<int, Organisation> _organisations;
    private readonly Map<string, Embete> _embeter;
    private long _generation;

    public ReferenceCache(TimeProvider clock, TimeSpan lifetime)
    {
        _clock = clock;
        _lifetime = lifetime;
        _schemeYears = NewMap<int, SchemeYear>();
        _organisations = NewMap<int, Organisation>();
        _embeter = NewMap<string, Embete>(StringComparer.Ordinal);
    }

    /// <summary>Reads through <paramref name="db"/> on a miss.</summary>
    public ReferenceReads For(AppDbContext db) => new(this, db);

    /// <summary>The scheme year with its education types, themes, applicant rules and pots with earmarks; null when there is none.</summary>
    public Task<SchemeYear?> SchemeYearAsync(AppDbContext db, int year, CancellationToken ct) =>
        _schemeYears.GetAsync(year, () => db.SchemeYears
            .Include(s => s.EducationTypes).Include(s => s.Themes).Include(s => s.ApplicantRules)
            .Include(s => s.Pots).ThenInclude(p => p.Earmarks)
            .AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Year == year, ct));

    public Task<Organisation?> OrganisationAsync(AppDbContext db, int id, CancellationToken ct) =>
        _organisations.GetAsync(id, () => db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct));

    public Task<Embete?> EmbeteAsync(AppDbContext db, string id, CancellationToken ct) =>
        _embeter.GetAsync(id, () => db.Embeter.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct));

    /// <summary>Forgets everything; the next reader goes to the database.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        lock (_clears)
        {
            foreach (var clear in _clears)
            {
                clear();
            }
        }
    }

    /// <summary>A map emptied by <see cref="Clear"/> with the others (internal for the unit tests).</summary>
    internal Map<TKey, T> NewMap<TKey, T>(IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
        where T : class
    {
        var map = new Map<TKey, T>(this, comparer);
        lock (_clears)
        {
            _clears.Add(map.Clear);
        }
        return map;
    }

    internal sealed class Map<TKey, T>(ReferenceCache owner, IEqualityComparer<TKey>? comparer)
        where TKey : notnull
        where T : class
    {
        private readonly ConcurrentDictionary<TKey, Entry> _entries = new(comparer);

        private sealed record Entry(T Value, DateTimeOffset Expires);

        public int Count => _entries.Count;

        public void Clear() => _entries.Clear();

        /// <summary>Serves <paramref name="key"/> while it is fresh, or loads it and keeps it unless the cache was emptied meanwhile.</summary>
        public async Task<T?> GetAsync(TKey key, Func<Task<T?>> load)
        {
            if (owner._lifetime <= TimeSpan.Zero)
            {
                return await load();
            }
            var now = owner._clock.GetUtcNow();
            if (_entries.TryGetValue(key, out var cached) && cached.Expires > now)
            {
                return cached.Value;
            }
            var generation = Interlocked.Read(ref owner._generation);
            var value = await load();
            if (value is not null && Interlocked.Read(ref owner._generation) == generation)
            {
                _entries[key] = new Entry(value, now + owner._lifetime);
                // Emptied while we stored: take it out again rather than keep what may be the old value.
                if (Interlocked.Read(ref owner._generation) != generation)
                {
                    _entries.TryRemove(key, out _);
                }
            }
            return value;
        }
    }
}

/// <summary>The cache's reads, bound to the context that loads what is missing.</summary>
public readonly record struct ReferenceReads(ReferenceCache Cache, AppDbContext Db)
{
    /// <inheritdoc cref="ReferenceCache.SchemeYearAsync"/>
    public Task<SchemeYear?> SchemeYearAsync(int year, CancellationToken ct) => Cache.SchemeYearAsync(Db, year, ct);

    public Task<Organisation?> OrganisationAsync(int id, CancellationToken ct) => Cache.OrganisationAsync(Db, id, ct);

    public Task<Embete?> EmbeteAsync(string id, CancellationToken ct) => Cache.EmbeteAsync(Db, id, ct);
}
