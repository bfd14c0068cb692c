using System.Text;
using Portal.Core.Verses;
using Portal.Web.Services.Playground;

namespace Portal.Web.Components.Pages.Playground;

/// <summary>One model's column in a run: the text as it streams in, then the finished output and what the writer did with it.</summary>
public sealed class OutputSlot(PlaygroundModel model, int position)
{
    private readonly StringBuilder streamed = new();

    public PlaygroundModel Model { get; } = model;

    /// <summary>The column's place on the page, which names it in blind mode.</summary>
    public int Position { get; } = position;

    /// <summary>Null until the run has finished.</summary>
    public PlaygroundOutput? Output { get; private set; }

    /// <summary>The draft this output was saved as, once it was.</summary>
    public Verse? Draft { get; set; }

    /// <summary>The finished text once there is one (the service's, which is what was recorded), else what streamed so far.</summary>
    public string Text => Output?.Text ?? streamed.ToString();

    public bool HasText => Output is not null ? Output.Text.Length > 0 : streamed.Length > 0;

    public void Append(string piece) => streamed.Append(piece);

    public void Finish(PlaygroundOutput output) => Output = output;
}
