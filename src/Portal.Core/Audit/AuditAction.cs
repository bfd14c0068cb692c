namespace Portal.Core.Audit;

/// <summary>What the audit log records. Stored by name, so that values may be added but never renamed.</summary>
public enum AuditAction
{
    VersesImported,
    VerseEdited,
    VerseDeleted,
    VerseRestored,
    TrainingQueued,
    TrainingCancelled,
    VersionPromoted,
    VersionRolledBack,
    VersionPushRetried,
    AutoPromoteChanged,
    ApiTokenCreated,
    ApiTokenRevoked,
    WorkerTokenCreated,
    WorkerTokenRevoked,
    AccountCreated,
    AccountLocked,
    AccountUnlocked,
    InvitationCreated,
    InvitationWithdrawn,
    BackupCreated,
    BackupDeleted,
}
