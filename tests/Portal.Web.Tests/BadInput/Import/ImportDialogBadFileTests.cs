using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Portal.Web.Components.Pages.Verses;
using Portal.Web.Tests.BadInput.Cases;
using Portal.Web.Tests.Components.Support;
using static Portal.Web.Tests.Components.Support.LibraryVerses;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>The Verses page's import dialog with a hostile file: the writer reads what is wrong, and the library stays as it was.</summary>
public sealed class ImportDialogBadFileTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("invalid-utf8.json", "is not valid UTF-8 text")]
    [InlineData("utf16le-bom.json", "It looks like UTF-16")]
    [InlineData("seventeen-megabytes", "the limit is 16,777,216 bytes")]
    [InlineData("nested-10000-arrays", "nests more than 8 levels deep")]
    [InlineData("wrong-type-prompt-number.json", "\"prompt\" must be text, but it is a number")]
    public async Task TheImportDialogShowsWhyAFileIsRefusedAndImportsNothing(string name, string phrase)
    {
        await using var bed = await ComponentTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVerseAsync(ana, HarbourPrompt, HarbourLyrics);
        bed.SignIn(ana);
        var providers = bed.RenderProviders();
        var page = bed.Context.Render<VersesPage>();
        page.WaitForAssertion(() => Assert.Single(page.Rows()), Patience);

        page.Find("#import-verses").Click();
        var dialog = providers.Dialogs;
        dialog.WaitForElement("#import-choose", Patience);
        dialog.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(ImportCases.Find(name).Body(), name));
        dialog.WaitForElement("#import-file", Patience);
        dialog.Find("#import-run").Click();

        dialog.WaitForElement("#import-rejected", Patience);
        Assert.Contains("Nothing was imported.", dialog.Find("#import-rejected").TextContent, StringComparison.Ordinal);
        Assert.Contains(phrase, dialog.Find("#import-errors").TextContent, StringComparison.Ordinal);
        Assert.Equal("Cancel", dialog.Find("#import-close").TextContent.Trim());
        Assert.Equal([HarbourPrompt], (await bed.Verses.ListAsync(new())).Select(v => v.Text.Prompt));
        Assert.Equal([HarbourPrompt], page.Prompts());
    }
}
