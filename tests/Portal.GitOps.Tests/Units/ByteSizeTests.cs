using Portal.GitOps.Changes;

namespace Portal.GitOps.Tests.Units;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(512, "512 bytes")]
    [InlineData(3000, "2.9 KB")]
    [InlineData(95L * 1024 * 1024, "95 MB")]
    [InlineData(126143692, "120.3 MB")]
    public void SizesReadAsAGitHostCountsThem(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));
}
