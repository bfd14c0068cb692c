namespace Portal.Core.Training;

/// <summary>Where a job's weights start from.</summary>
public enum JobStartMode
{
    /// <summary>A preset-size model (<see cref="TrainingSettings.ModelSize"/>) with a tokenizer trained on the snapshot.</summary>
    Scratch,

    /// <summary>A checkpoint folder under the data directory's base-models/ (<see cref="TrainingSettings.BaseModel"/>).</summary>
    Base,

    /// <summary>The current model version.</summary>
    Continue,
}
