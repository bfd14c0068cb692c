namespace Portal.Core.Training;

/// <summary>The choices on the "Retrain now" button.</summary>
public enum RetrainPreset
{
    /// <summary>Continue from the current model with a low rate on the new verses plus a replay sample of older ones.</summary>
    Quick,

    /// <summary>A fresh fine-tune of the base model on the whole corpus (lr 5e-5, 3 epochs, batch 2).</summary>
    Full,

    /// <summary>A preset-size model and a tokenizer trained on the corpus itself; needs no downloaded weights.</summary>
    Scratch,

    /// <summary>Every setting chosen in the Advanced panel.</summary>
    Custom,
}
