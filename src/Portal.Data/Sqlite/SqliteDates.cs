using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data.Sqlite;

/// <summary>DateTimeOffset stored as UTC ticks: sortable and comparable in SQLite, exact to the tick.</summary>
internal static class SqliteDates
{
    public static readonly ValueConverter<DateTimeOffset, long> Converter =
        new(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    public static readonly ValueConverter<DateTimeOffset?, long?> NullableConverter =
        new(value => value.HasValue ? value.Value.UtcTicks : null,
            ticks => ticks.HasValue ? new DateTimeOffset(ticks.Value, TimeSpan.Zero) : null);
}
