using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Sqlite;

internal static class SqliteErrors
{
    private const int Constraint = 19;
    private const int ConstraintUnique = 2067;

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: ConstraintUnique };
}
