using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Audit;
using Portal.Data.Entities;
using Portal.Data.Playground;
using Portal.Data.Sqlite;
using Portal.Data.Tokens;
using Portal.Data.Training;
using Portal.Data.Versions;

namespace Portal.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<VerseEntity> Verses => Set<VerseEntity>();
    public DbSet<ApiTokenEntity> ApiTokens => Set<ApiTokenEntity>();
    public DbSet<InvitationEntity> Invitations => Set<InvitationEntity>();
    public DbSet<TrainingJobEntity> TrainingJobs => Set<TrainingJobEntity>();
    public DbSet<TrainingSnapshotVerseEntity> TrainingSnapshotVerses => Set<TrainingSnapshotVerseEntity>();
    public DbSet<TrainingJobEventEntity> TrainingJobEvents => Set<TrainingJobEventEntity>();
    public DbSet<GoldenPromptEntity> GoldenPrompts => Set<GoldenPromptEntity>();
    public DbSet<PortalSettingEntity> PortalSettings => Set<PortalSettingEntity>();
    public DbSet<ModelVersionEntity> ModelVersions => Set<ModelVersionEntity>();
    public DbSet<GenerationRunEntity> GenerationRuns => Set<GenerationRunEntity>();
    public DbSet<BlindVoteEntity> BlindVotes => Set<BlindVoteEntity>();
    public DbSet<BlindVoteEntryEntity> BlindVoteEntries => Set<BlindVoteEntryEntity>();
    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<VerseEntity>(verse =>
        {
            verse.ToTable("Verses");
            verse.HasQueryFilter(v => v.DeletedAt == null);
            verse.Property(v => v.Prompt).IsRequired();
            verse.Property(v => v.Lyrics).IsRequired();
            verse.Property(v => v.ContentHash).HasMaxLength(64);
            verse.Property(v => v.Revision).IsConcurrencyToken();
            verse.HasOne(v => v.Author).WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Restrict);
            verse.HasIndex(v => v.ContentHash).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
            verse.HasIndex(v => v.UpdatedAt);
            verse.HasIndex(v => v.Prompt);
            verse.HasIndex(v => v.AuthorId);
        });

        builder.Entity<ApiTokenEntity>(token =>
        {
            token.ToTable("ApiTokens");
            token.Property(t => t.Hash).HasMaxLength(64);
            token.HasIndex(t => t.Hash).IsUnique();
            // Tokens made before scopes existed were all personal API tokens.
            token.Property(t => t.Scope).HasMaxLength(16).HasDefaultValue(ApiTokenScopes.Api);
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<InvitationEntity>(invitation =>
        {
            invitation.ToTable("Invitations");
            invitation.Property(i => i.CodeHash).HasMaxLength(64);
            invitation.HasIndex(i => i.CodeHash).IsUnique();
        });

        builder.ConfigureTraining();
        builder.ConfigureVersions();
        builder.ConfigurePlayground();
        builder.ConfigureAudit();

        // SQLite cannot ORDER BY or compare DateTimeOffset natively; store UTC ticks so that sorting by date works in SQL.
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset))
                    property.SetValueConverter(SqliteDates.Converter);
                else if (property.ClrType == typeof(DateTimeOffset?))
                    property.SetValueConverter(SqliteDates.NullableConverter);
            }
        }
    }
}
