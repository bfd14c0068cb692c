namespace Portal.Core.Verses;

/// <summary>
/// Splits text on LF, CRLF and CR only. The BCL's EnumerateLines also breaks on form feed, NEL and U+2028/U+2029,
/// which would make bar counts and content hashes disagree with what the writer sees in an editor.
/// </summary>
internal ref struct LineSplitter(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text;
    private bool _done;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly LineSplitter GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var end = _rest.IndexOfAny('\r', '\n');
        if (end < 0)
        {
            Current = _rest;
            _done = true;
            return true;
        }

        Current = _rest[..end];
        var breakLength = _rest[end] == '\r' && end + 1 < _rest.Length && _rest[end + 1] == '\n' ? 2 : 1;
        _rest = _rest[(end + breakLength)..];
        return true;
    }
}
