namespace Portal.Serving.Tests.Support;

/// <summary>POST /generate's answer (and the stream's "done" event) as a client reads it.</summary>
internal sealed record Generated(
    string Text, int Version, string? Commit, int PromptTokens, int GeneratedTokens, string FinishReason, double FirstTokenMs, double TotalMs);
