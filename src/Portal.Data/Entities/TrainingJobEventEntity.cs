using Portal.Core.Training;

namespace Portal.Data.Entities;

/// <summary>One numbered event of a job. <see cref="Kind"/> is repeated outside the payload so that it can be filtered on.</summary>
public sealed class TrainingJobEventEntity
{
    public long Id { get; set; }
    public long JobId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public JobEventKind Kind { get; set; }
    public required string PayloadJson { get; set; }
}
