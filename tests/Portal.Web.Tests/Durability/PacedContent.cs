using System.Net;

namespace Portal.Web.Tests.Durability;

/// <summary>
/// A request body sent in two halves with a pause between them that the test ends, so that a test can act while an
/// upload is provably half done. Reports when each half has left the client.
/// </summary>
internal sealed class PacedContent(byte[] body) : HttpContent
{
    private readonly TaskCompletionSource halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource allSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task HalfSent => halfSent.Task;

    public Task AllSent => allSent.Task;

    public void Resume() => resume.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, half));
        await stream.FlushAsync();
        halfSent.TrySetResult();
        await resume.Task;
        await stream.WriteAsync(body.AsMemory(half));
        await stream.FlushAsync();
        allSent.TrySetResult();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
