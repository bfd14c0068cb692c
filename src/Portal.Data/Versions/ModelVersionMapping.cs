using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Data.Entities;
using Portal.Data.Training;

namespace Portal.Data.Versions;

/// <summary>Rows of the versions table as the Core record, and back. The checklist uses the training tables' JSON format.</summary>
internal static class ModelVersionMapping
{
    public static ModelVersion ToVersion(ModelVersionEntity v) => new()
    {
        Number = v.Number,
        CreatedAt = v.CreatedAt,
        PromotedById = v.PromotedById,
        PromotedByName = v.PromotedByName,
        JobId = v.JobId,
        RollbackOf = v.RollbackOf,
        Note = v.Note,
        DatasetHash = v.DatasetHash,
        VerseCount = v.VerseCount,
        ValidationLoss = v.ValidationLoss,
        Checklist = TrainingJson.Read<List<ChecklistItem>>(v.ChecklistJson),
        Overridden = v.Overridden,
        CommitSha = v.CommitSha,
        PushState = v.PushState,
        PushError = v.PushError,
        PushedAt = v.PushedAt,
    };

    public static ModelVersionEntity ToEntity(ModelVersion v, DateTimeOffset createdAt) => new()
    {
        Number = v.Number,
        CreatedAt = createdAt,
        PromotedById = v.PromotedById,
        PromotedByName = v.PromotedByName,
        JobId = v.JobId,
        RollbackOf = v.RollbackOf,
        Note = v.Note,
        DatasetHash = v.DatasetHash,
        VerseCount = v.VerseCount,
        ValidationLoss = v.ValidationLoss,
        ChecklistJson = TrainingJson.Write(v.Checklist),
        Overridden = v.Overridden,
        CommitSha = v.CommitSha,
        PushState = v.PushState,
        PushError = v.PushError,
        PushedAt = v.PushedAt,
    };
}
