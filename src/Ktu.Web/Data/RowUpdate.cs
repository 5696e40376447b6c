using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ktu.Web.Data;

/// <summary>
/// One row's UPDATE, made from the change tracker with EF's own mapping (table, columns, value converters), so it
/// writes exactly what <c>SaveChanges</c> would: the modified columns, where the key and every concurrency token
/// still have the values that were read.
/// </summary>
internal sealed class RowUpdate
{
    /// <summary>
    /// Entity types whose saves may leave the context: no interceptor of KTU looks at them (reference data clears the
    /// cache, submissions and the audit trail are guarded), so writing them beside <c>SaveChanges</c> skips nothing.
    /// </summary>
    private static readonly HashSet<Type> Committable = [typeof(Domain.Applications.Application), typeof(Domain.OutboxMessage)];

    private RowUpdate(string sql, List<(string Name, RelationalTypeMapping Mapping, object? Value)> parameters)
    {
        Sql = sql;
        Parameters = parameters;
    }

    public string Sql { get; }

    public IReadOnlyList<(string Name, RelationalTypeMapping Mapping, object? Value)> Parameters { get; }

    public static RowUpdate From(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        EntityEntry? changed = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged)
            {
                continue;
            }
            if (changed is not null || entry.State != EntityState.Modified)
            {
                throw new InvalidOperationException("A row update saves one modified entity and nothing else; use SaveChanges.");
            }
            changed = entry;
        }
        if (changed is null)
        {
            throw new InvalidOperationException("There is no modified entity to save.");
        }
        var entityType = changed.Metadata;
        if (!Committable.Contains(entityType.ClrType))
        {
            throw new InvalidOperationException($"{entityType.ClrType.Name} is not saved as a row update; use SaveChanges.");
        }

        var table = entityType.GetTableName()!;
        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var sql = db.GetService<ISqlGenerationHelper>();
        var parameters = new List<(string, RelationalTypeMapping, object?)>();
        string Parameter(IProperty property, object? value)
        {
            var name = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add((name, property.GetRelationalTypeMapping(), value));
            return name;
        }
        string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(store)!);

        var text = new System.Text.StringBuilder("UPDATE ").Append(sql.DelimitIdentifier(table, schema)).Append(" SET ");
        var first = true;
        foreach (var property in changed.Properties)
        {
            if (!property.IsModified)
            {
                continue;
            }
            text.Append(first ? "" : ", ").Append(Column(property.Metadata)).Append(" = ").Append(Parameter(property.Metadata, property.CurrentValue));
            first = false;
        }
        text.Append(" WHERE ");
        first = true;
        foreach (var property in entityType.GetProperties())
        {
            if (!property.IsPrimaryKey() && !property.IsConcurrencyToken)
            {
                continue;
            }
            var original = changed.Property(property.Name).OriginalValue;
            text.Append(first ? "" : " AND ").Append(Column(property))
                .Append(original is null ? " IS NULL" : " = " + Parameter(property, original));
            first = false;
        }
        return new RowUpdate(text.ToString(), parameters);
    }
}
