using Portal.GitOps.Changes;

namespace Portal.GitOps.Tests.Units;

public sealed class VersionLogTests
{
    [Fact]
    public void FirstEntryGetsTheHeading() =>
        Assert.Equal("# Version log\n\n## v1\n\nFirst.\n", VersionLog.Prepend(null, "## v1\n\nFirst.\n"));

    [Fact]
    public void NewEntryGoesAboveTheExistingOnesUnderASingleHeading() =>
        Assert.Equal(
            "# Version log\n\n## v2\n\nSecond.\n\n## v1\n\nFirst.\n",
            VersionLog.Prepend("# Version log\n\n## v1\n\nFirst.\n", "## v2\n\nSecond."));

    [Fact]
    public void LogWrittenByHandWithoutHeadingKeepsItsTextBelowTheNewEntry() =>
        Assert.Equal(
            "# Version log\n\n## v3\n\nThird.\n\nv2: retrained on Monday\n",
            VersionLog.Prepend("\r\nv2: retrained on Monday\r\n", "## v3\n\nThird."));

    [Fact]
    public void HeadingInAnotherCaseIsNotRepeated() =>
        Assert.Equal("# Version log\n\n## v2\n\n## v1\n", VersionLog.Prepend("# Version Log\n## v1\n", "## v2"));
}
