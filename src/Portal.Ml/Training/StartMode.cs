namespace Portal.Ml.Training;

/// <summary>Where a training run's weights come from; each has its own sensible defaults.</summary>
public enum StartMode
{
    /// <summary>A preset model and a tokenizer trained on the corpus itself.</summary>
    Scratch,

    /// <summary>A pretrained checkpoint folder (e.g. gpt2 or distilgpt2 weights the writer has on disk).</summary>
    Base,

    /// <summary>The previous model version, nudged further with a lower learning rate.</summary>
    Continue,
}
