namespace Portal.Core.Text;

/// <summary>Counts model tokens, so that lint can tell whether text fits in the model's context.</summary>
public interface ITokenCounter
{
    int Count(string text);
}
