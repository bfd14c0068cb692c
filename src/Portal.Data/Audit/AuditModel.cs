using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Data.Entities;

namespace Portal.Data.Audit;

/// <summary>The audit log's table.</summary>
internal static class AuditModel
{
    public const string Table = "AuditEntries";
    public const string NoUpdateTrigger = "AuditEntries_NoUpdate";
    public const string NoDeleteTrigger = "AuditEntries_NoDelete";

    private const int ActionLength = 32;
    private const int NameLength = 256;

    public static void ConfigureAudit(this ModelBuilder builder)
    {
        builder.Entity<AuditEntryEntity>(entry =>
        {
            // Declared so that EF does not rely on RETURNING tricks that triggers can upset; the triggers themselves
            // are created by the AuditLog migration.
            entry.ToTable(Table, table =>
            {
                table.HasTrigger(NoUpdateTrigger);
                table.HasTrigger(NoDeleteTrigger);
            });
            entry.Property(e => e.ActorId).HasMaxLength(NameLength);
            entry.Property(e => e.ActorName).HasMaxLength(NameLength);
            entry.Property(e => e.Action).HasMaxLength(ActionLength);
            entry.Property(e => e.Target).HasMaxLength(AuditRecord.MaxTargetLength);
            entry.Property(e => e.Detail).HasMaxLength(AuditRecord.MaxDetailLength);
            // The page reads newest first (by id) with an optional action or actor filter.
            entry.HasIndex(e => new { e.Action, e.Id });
            entry.HasIndex(e => e.ActorName);
        });
    }
}
