using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ktu.Web.Data;

/// <summary>Stores an instant as UTC ticks so SQLite can order and compare it; reads back with offset zero.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
