namespace Portal.Serving.Api;

/// <summary>One "data" event of a streamed generation: the next piece of text.</summary>
internal sealed record StreamedText(string Text);
