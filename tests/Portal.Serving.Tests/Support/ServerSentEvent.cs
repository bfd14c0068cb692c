namespace Portal.Serving.Tests.Support;

/// <summary>One event of a text/event-stream: its type ("message" when it names none) and its data.</summary>
internal sealed record ServerSentEvent(string Event, string Data)
{
    /// <summary>Reads events until the stream ends.</summary>
    public static async Task<List<ServerSentEvent>> ReadAllAsync(Stream stream)
    {
        var events = new List<ServerSentEvent>();
        using var reader = new StreamReader(stream);
        string? type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                    events.Add(new ServerSentEvent(type ?? "message", string.Join('\n', data)));
                (type, data) = (null, []);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
                type = line["event:".Length..].TrimStart();
            else if (line.StartsWith("data:", StringComparison.Ordinal))
                data.Add(line["data:".Length..].TrimStart());
        }
        return events;
    }
}
