namespace Portal.Ml.Training;

/// <summary>Where the data stream stands: the epoch and how many examples of that epoch's order were consumed.</summary>
public readonly record struct DataPosition(int Epoch, int Index);
