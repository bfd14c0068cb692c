using System.Text;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>
/// An import body of any length that is never held in memory: "[" and then valid verses, one after another, made
/// as they are read. <see cref="Produced"/> counts the bytes the client has taken from it so far.
/// </summary>
internal sealed class GeneratedBody(long length) : Stream
{
    private static readonly byte[] Unit = Encoding.UTF8.GetBytes(Corpus.JsonArray(1)[1..^1] + ",\n");
    private long produced;

    public long Produced => Interlocked.Read(ref produced);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Produced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var start = Produced;
        var count = (int)Math.Min(buffer.Length, length - start);
        for (var i = 0; i < count; i++)
        {
            var position = start + i;
            buffer[i] = position == 0 ? (byte)'[' : Unit[(position - 1) % Unit.Length];
        }
        Interlocked.Add(ref produced, count);
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
