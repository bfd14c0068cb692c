using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Versions;

/// <summary>The table of promoted versions.</summary>
internal static class VersionModel
{
    // A git object id: 40 hex digits for SHA-1, 64 for a SHA-256 repository.
    private const int ShaLength = 64;
    private const int EnumLength = 16;

    public static void ConfigureVersions(this ModelBuilder builder)
    {
        builder.Entity<ModelVersionEntity>(version =>
        {
            version.ToTable("ModelVersions");
            // No foreign keys to users or jobs: a row is written after its commit and tag exist, and must be writable
            // whatever happened to the promoter's account or the job since; it mirrors the repository, not the tables.
            version.HasIndex(v => v.Number).IsUnique();
            version.HasIndex(v => v.JobId);
            version.Property(v => v.DatasetHash).HasMaxLength(ShaLength);
            version.Property(v => v.CommitSha).HasMaxLength(ShaLength);
            version.Property(v => v.PushState).HasConversion<string>().HasMaxLength(EnumLength);
        });
    }
}
