namespace Portal.Data.Sqlite;

/// <summary>What a commit promises about a power cut or a crash of the machine (a killed process loses nothing either way).</summary>
internal enum Durability
{
    /// <summary>On disk when the commit returns (synchronous=FULL: the WAL is fsynced).</summary>
    OnDisk,

    /// <summary>
    /// On disk at the next <see cref="OnDisk"/> commit or WAL checkpoint (synchronous=NORMAL). A power cut may lose the
    /// last such commits, whole and in order, never one without those before it and never a later fsynced one.
    /// </summary>
    InOrder,
}
