using System.Net;
using Portal.Web.Tests.BadInput.Cases;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>POST /api/verses/import with every file of the hostile corpus: a 4xx that names the problem, and an unchanged library.</summary>
public sealed class HostileImportCorpusTests(ImportPortal portal) : IClassFixture<ImportPortal>
{
    [Theory]
    [MemberData(nameof(ImportCases.RefusedNames), MemberType = typeof(ImportCases))]
    public async Task AHostileImportIsRefusedWithItsReasonAndChangesNothing(string name)
    {
        var hostile = ImportCases.Find(name);
        var before = await LibraryFingerprint.TakeAsync(portal.Admin);

        using var response = await portal.Admin.ImportAsync(hostile.Body(), hostile.Query);

        Assert.Equal(hostile.Status, response.StatusCode);
        Assert.Contains(hostile.Phrase, await ProblemText.ReadAllAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await LibraryFingerprint.TakeAsync(portal.Admin));
    }

    [Theory]
    [MemberData(nameof(ImportCases.AcceptedNames), MemberType = typeof(ImportCases))]
    public async Task AFileWithByteOrderMarksImportsWithoutThem(string name)
    {
        await using var own = new PortalFactory();
        using var admin = own.CreateAdminClient();

        using var response = await admin.ImportAsync(ImportCases.Find(name).Body());

        Assert.Equal(2, (await response.ReadReportAsync()).Added);
        Assert.All(await admin.ListVersesAsync(), verse => Assert.StartsWith("Storytelling verse", verse.Prompt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidOnlyModeStillImportsNothingFromARefusedFile()
    {
        var before = await LibraryFingerprint.TakeAsync(portal.Admin);

        using var response = await portal.Admin.ImportAsync(HostileInputs.Read("import", "mixed-json-then-text.json"), "?mode=valid-only");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await LibraryFingerprint.TakeAsync(portal.Admin));
    }
}
