namespace Portal.Ml.Generation;

/// <summary>
/// Turns generated tokens into text pieces that are safe to show at once. A piece never ends inside a UTF-8
/// character (a token can carry half of one) and never shows the start of what may become a stop sequence, so
/// streamed text never has to be taken back.
/// </summary>
internal sealed class TextAssembler(TokenCodec codec, IReadOnlyList<string> stopSequences)
{
    private readonly List<int> _ids = [];
    private string _text = "";
    private int _shown;

    public bool Stopped { get; private set; }

    /// <summary>The text so far, ending before a stop sequence when one appeared.</summary>
    public string Text => _text;

    /// <summary>Adds a token and returns the text that can now be shown (often empty).</summary>
    public string Add(int id)
    {
        _ids.Add(id);
        var full = codec.Decode(_ids);
        if (FirstStop(full) is { } stop)
        {
            Stopped = true;
            _text = full[..stop];
            return Take(stop);
        }

        _text = full;
        return Take(SafeEnd(full));
    }

    /// <summary>The text held back so far, once no more tokens will come.</summary>
    public string Flush() => Take(_text.Length);

    private string Take(int end)
    {
        if (end <= _shown)
            return "";
        var piece = _text[_shown..end];
        _shown = end;
        return piece;
    }

    private int? FirstStop(string text)
    {
        int? first = null;
        foreach (var stop in stopSequences)
        {
            var at = text.IndexOf(stop, Math.Max(0, _shown - stop.Length), StringComparison.Ordinal);
            if (at >= 0 && (first is null || at < first))
                first = at;
        }
        return first;
    }

    private int SafeEnd(string text)
    {
        var end = text.Length;
        while (end > _shown && text[end - 1] == '\uFFFD')
            end--;

        var hold = 0;
        foreach (var stop in stopSequences)
        {
            for (var length = Math.Min(stop.Length - 1, end - _shown); length > hold; length--)
            {
                if (string.CompareOrdinal(text, end - length, stop, 0, length) == 0)
                {
                    hold = length;
                    break;
                }
            }
        }
        return end - hold;
    }
}
