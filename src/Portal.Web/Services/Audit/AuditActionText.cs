using Portal.Core.Audit;

namespace Portal.Web.Services.Audit;

/// <summary>Each recorded action in words, as the Audit page shows it.</summary>
public static class AuditActionText
{
    public static string Describe(AuditAction action) => action switch
    {
        AuditAction.VersesImported => "Imported verses",
        AuditAction.VerseEdited => "Edited a verse",
        AuditAction.VerseDeleted => "Deleted a verse",
        AuditAction.VerseRestored => "Restored a verse",
        AuditAction.TrainingQueued => "Queued training",
        AuditAction.TrainingCancelled => "Cancelled training",
        AuditAction.VersionPromoted => "Promoted",
        AuditAction.VersionRolledBack => "Rolled back",
        AuditAction.VersionPushRetried => "Retried a push",
        AuditAction.AutoPromoteChanged => "Changed auto-promote",
        AuditAction.ApiTokenCreated => "Created an API token",
        AuditAction.ApiTokenRevoked => "Revoked an API token",
        AuditAction.WorkerTokenCreated => "Created a worker token",
        AuditAction.WorkerTokenRevoked => "Revoked a worker token",
        AuditAction.AccountCreated => "Created an account",
        AuditAction.AccountLocked => "Locked an account",
        AuditAction.AccountUnlocked => "Unlocked an account",
        AuditAction.InvitationCreated => "Invited a writer",
        AuditAction.InvitationWithdrawn => "Withdrew an invitation",
        AuditAction.BackupCreated => "Backed up the database",
        AuditAction.BackupDeleted => "Deleted a backup",
        _ => action.ToString(),
    };
}
