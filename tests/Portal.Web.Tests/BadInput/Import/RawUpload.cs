using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>
/// An HTTP/1.1 POST written on a plain socket, the body sent in pieces while the answer is read at the same time, the
/// way a browser uploads: it shows when the server answered relative to how much of the body had gone out, which an
/// HttpClient hides (it reports a failed send when the server closes the connection on a body it refused).
/// </summary>
internal static class RawUpload
{
    private const int PieceBytes = 64 * 1024;

    /// <summary>The status code and the number of body bytes sent when the first byte of the answer arrived.</summary>
    public static async Task<(int Status, long SentBeforeAnswer, string Answer)> PostAsync(
        Uri address, string path, string token, GeneratedBody body, long? declaredLength, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, cancellationToken);
        var stream = client.GetStream();
        var framing = declaredLength is { } length ? $"Content-Length: {length.ToString(CultureInfo.InvariantCulture)}" : "Transfer-Encoding: chunked";
        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);

        long sentBeforeAnswer = -1;
        var answer = ReadAnswerAsync(stream, () => Interlocked.CompareExchange(ref sentBeforeAnswer, body.Produced, -1), cancellationToken);
        var piece = new byte[PieceBytes];
        try
        {
            int read;
            while (!answer.IsCompleted && (read = body.Read(piece)) > 0)
            {
                if (declaredLength is null)
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{read:X}\r\n"), cancellationToken);
                await stream.WriteAsync(piece.AsMemory(0, read), cancellationToken);
                if (declaredLength is null)
                    await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (IOException)
        {
            // The server closed the connection on the refused body; its answer is what counts.
        }
        var text = await answer;
        var status = text.Length >= 12 && text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture) : 0;
        return (status, Interlocked.Read(ref sentBeforeAnswer), text);
    }

    // Reads until the server closes or the answer's body (problem details are small) has arrived.
    private static async Task<string> ReadAnswerAsync(NetworkStream stream, Action firstByte, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var answer = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                firstByte();
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && answer.ToString().TrimEnd().EndsWith('}'))
                    break;
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }
        return answer.ToString();
    }
}
