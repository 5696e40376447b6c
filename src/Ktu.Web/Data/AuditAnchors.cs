using System.Text;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ktu.Web.Data;

/// <summary>
/// What anchors the audit trail outside the database: the key its hashes are keyed with (HMAC), and a file of
/// checkpoints of its head (<see cref="AuditAnchor"/>). With the key outside the database, whoever can write the
/// database cannot rewrite an entry and recompute the chain; with the checkpoints, entries deleted from the end
/// show. Settings: <c>Audit:Key</c> (base64, at least 32 bytes; production sets it from a secret store),
/// otherwise a key file (<c>Audit:KeyFile</c>) made once beside the anchor file; <c>Audit:AnchorFile</c>, by default
/// beside the SQLite file or under ./data for PostgreSQL; <c>Audit:AnchorExisting</c> to anchor a trail written
/// before anchoring (once, on purpose: a missing anchor file is otherwise reported, never silently recreated).
/// </summary>
public sealed class AuditAnchors
{
    private const int MinKeyBytes = 32;
    private readonly Lock _gate = new();
    private readonly bool _anchorExisting;

    private AuditAnchors(byte[] key, string filePath, bool anchorExisting)
    {
        Key = key;
        FilePath = filePath;
        _anchorExisting = anchorExisting;
    }

    internal byte[] Key { get; }

    public string FilePath { get; }

    public static AuditAnchors From(IConfiguration configuration, DatabaseProvider provider)
    {
        var file = configuration["Audit:AnchorFile"] is { Length: > 0 } configured ? configured : DefaultFile(configuration, provider);
        file = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        byte[] key;
        if (configuration["Audit:Key"] is { Length: > 0 } encoded)
        {
            key = Convert.FromBase64String(encoded);
            if (key.Length < MinKeyBytes)
            {
                throw new InvalidOperationException($"Audit__Key must be at least {MinKeyBytes} bytes (base64).");
            }
        }
        else
        {
            key = KeyFromFile(configuration["Audit:KeyFile"] is { Length: > 0 } keyFile ? Path.GetFullPath(keyFile) : file + ".key");
        }
        return new AuditAnchors(key, file, configuration.GetValue("Audit:AnchorExisting", false));
    }

    private static string DefaultFile(IConfiguration configuration, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var pg = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"));
            return Path.Combine("data", $"audit-anchors-{pg.Host}-{pg.Port}-{pg.Database}.log");
        }
        var sqlite = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sqlite") ?? DataSetup.DefaultSqlite);
        return sqlite.DataSource + ".audit-anchors";
    }

    /// <summary>The key in <paramref name="path"/>, made (random, readable by the owner only) when there is none.</summary>
    private static byte[] KeyFromFile(string path)
    {
        try
        {
            var fresh = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinKeyBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(path, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
                stream.Flush(flushToDisk: true);
            }
            return fresh;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made by an earlier start, or by another instance at this moment: read it (retry while it is being written).
            for (var attempt = 0; ; attempt++)
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length > 0 || attempt == 20)
                {
                    return Convert.FromBase64String(text);
                }
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The anchors in the file, or what is wrong with it. A last line cut off by a crash is left out, any other unreadable line is not.</summary>
    public (IReadOnlyList<AuditAnchor> Anchors, string? Problem) Read()
    {
        string text;
        lock (_gate)
        {
            text = File.Exists(FilePath) ? File.ReadAllText(FilePath) : "";
        }
        // A line cut off by a crash has not an anchor's shape and is passed over; a whole line this key did not write is a forgery.
        var lines = text.Split('\n');
        var anchors = new List<AuditAnchor>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (AuditAnchor.FromLine(lines[i], Key) is { } anchor)
            {
                anchors.Add(anchor);
            }
            else if (AuditAnchor.IsWellFormed(lines[i]))
            {
                return (anchors, Format.Text(AuditChainTexts.Verify_AnchorForged, i + 1));
            }
        }
        return anchors.Count == 0 ? (anchors, AuditChainTexts.Verify_NoAnchors) : (anchors, null);
    }

    /// <summary>
    /// At start, after migrations and before any seed writes: a fresh trail gets its first anchor; an anchored one gets its
    /// head anchored again. A trail with entries but no anchor file is reported in the log and left unanchored (verify
    /// then says so), unless Audit:AnchorExisting asks to anchor it as it is.
    /// </summary>
    public async Task InitialiseAsync(AppDbContext db, ILogger logger, DateTimeOffset now, CancellationToken ct)
    {
        var (anchors, _) = Read();
        if (anchors.Count > 0)
        {
            await CheckpointAsync(db, now, ct);
            return;
        }
        var head = await HeadAsync(db, ct);
        if (head.Sequence == 0)
        {
            Append(new AuditAnchor(0, head.Hash, 1, now));
            return;
        }
        if (_anchorExisting)
        {
            Append(new AuditAnchor(head.Sequence, head.Hash, await FirstKeyedAsync(db, head.Sequence, ct), now));
            logger.LogWarning("The audit trail was anchored as it is, at entry {Sequence} (Audit__AnchorExisting). Remove the setting.", head.Sequence);
            return;
        }
        logger.LogCritical("The audit trail has {Entries} entries but no anchor file at {File}: truncation cannot be detected. Restore the anchor file, or set Audit__AnchorExisting=true once to anchor the trail as it is.",
            head.Sequence, FilePath);
    }

    /// <summary>Anchors the head when it has moved on since the last anchor; a head behind the last anchor is left as evidence.</summary>
    public async Task CheckpointAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var (anchors, _) = Read();
        if (anchors.Count == 0)
        {
            return;
        }
        var head = await HeadAsync(db, ct);
        if (head.Sequence > anchors[^1].Sequence)
        {
            Append(new AuditAnchor(head.Sequence, head.Hash, anchors[0].KeyedFrom, now));
        }
    }

    /// <summary>
    /// The first entry sealed with this key: entries from before keying (an upgraded trail) are plain SHA-256, a restored
    /// trail is keyed from its first entry. After the head when none is keyed.
    /// </summary>
    private async Task<long> FirstKeyedAsync(AppDbContext db, long head, CancellationToken ct)
    {
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (AuditChain.HashOf(e, Key) == e.Hash)
            {
                return e.Sequence;
            }
        }
        return head + 1;
    }

    private static async Task<(long Sequence, string Hash)> HeadAsync(AppDbContext db, CancellationToken ct)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        return head is null ? (0, AuditChain.Genesis) : (head.Sequence, head.Hash);
    }

    private void Append(AuditAnchor anchor)
    {
        lock (_gate)
        {
            // After a line cut off by a crash, start on a line of its own.
            var cutOff = File.Exists(FilePath) && new FileInfo(FilePath).Length > 0 && !File.ReadAllText(FilePath).EndsWith('\n');
            using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(Encoding.ASCII.GetBytes((cutOff ? "\n" : "") + anchor.ToLine(Key) + "\n"));
            stream.Flush(flushToDisk: true);
        }
    }
}
