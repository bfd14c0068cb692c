using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Training;

/// <summary>The tables of the training queue, golden prompts and portal settings.</summary>
internal static class TrainingModel
{
    private const int HashLength = 64;
    private const int EnumLength = 16;

    public static void ConfigureTraining(this ModelBuilder builder)
    {
        builder.Entity<TrainingJobEntity>(job =>
        {
            job.ToTable("TrainingJobs");
            job.Property(j => j.Preset).HasConversion<string>().HasMaxLength(EnumLength);
            job.Property(j => j.State).HasConversion<string>().HasMaxLength(EnumLength);
            job.Property(j => j.SnapshotHash).HasMaxLength(HashLength);
            job.Property(j => j.JobKey).HasMaxLength(HashLength);
            job.Property(j => j.LeaseId).HasMaxLength(32);
            job.HasOne(j => j.RequestedBy).WithMany().HasForeignKey(j => j.RequestedById).OnDelete(DeleteBehavior.Restrict);
            job.HasOne<TrainingJobEntity>().WithMany().HasForeignKey(j => j.PreviousJobId).OnDelete(DeleteBehavior.Restrict);
            job.HasIndex(j => j.JobKey);
            job.HasIndex(j => j.State);
        });

        builder.Entity<TrainingSnapshotVerseEntity>(verse =>
        {
            verse.ToTable("TrainingSnapshotVerses");
            verse.HasKey(v => new { v.JobId, v.VerseId });
            verse.Property(v => v.ContentHash).HasMaxLength(HashLength);
            verse.HasOne<TrainingJobEntity>().WithMany().HasForeignKey(v => v.JobId).OnDelete(DeleteBehavior.Cascade);
            // "Which live verses are new since job N" and the known-verse sample both look up a job's hashes.
            verse.HasIndex(v => new { v.JobId, v.ContentHash });
        });

        builder.Entity<TrainingJobEventEntity>(evt =>
        {
            evt.ToTable("TrainingJobEvents");
            evt.Property(e => e.Kind).HasConversion<string>().HasMaxLength(EnumLength);
            evt.HasOne<TrainingJobEntity>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
            evt.HasIndex(e => new { e.JobId, e.Sequence }).IsUnique();
        });

        builder.Entity<GoldenPromptEntity>(prompt =>
        {
            prompt.ToTable("GoldenPrompts");
            prompt.HasOne(p => p.AddedBy).WithMany().HasForeignKey(p => p.AddedById).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PortalSettingEntity>(setting =>
        {
            setting.ToTable("PortalSettings");
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(64);
            setting.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.ChangedById).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
