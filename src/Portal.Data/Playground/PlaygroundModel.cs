using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Playground;

/// <summary>The tables of the playground: each writer's run history and the blind votes.</summary>
internal static class PlaygroundModel
{
    // "job-" and a long's 19 digits, with room to spare.
    private const int ModelLength = 32;

    public static void ConfigurePlayground(this ModelBuilder builder)
    {
        builder.Entity<GenerationRunEntity>(run =>
        {
            run.ToTable("GenerationRuns");
            run.Property(r => r.Prompt).IsRequired();
            // A writer's history is theirs alone: it goes with the account.
            run.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            // Every read and the trim after each run are "this writer's runs by id".
            run.HasIndex(r => new { r.UserId, r.Id });
        });

        builder.Entity<BlindVoteEntity>(vote =>
        {
            vote.ToTable("BlindVotes");
            // No foreign keys to users or runs: tallies are about models and must survive a trimmed history.
            // One vote per run, enforced by the database so that two tabs voting at once cannot both count.
            vote.HasIndex(v => v.RunId).IsUnique();
            vote.HasMany(v => v.Entries).WithOne().HasForeignKey(e => e.VoteId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BlindVoteEntryEntity>(entry =>
        {
            entry.ToTable("BlindVoteEntries");
            entry.Property(e => e.Model).HasMaxLength(ModelLength);
            entry.HasIndex(e => e.JobId);
        });
    }
}
