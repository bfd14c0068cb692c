using Portal.Web.Tests.BadInput.Generation;

namespace Portal.Web.Tests.BadInput.Cases;

/// <summary>The corpus, its catalog and its README stay in step: no file without an expected answer, no case left unlisted.</summary>
public sealed class CorpusCatalogTests
{
    [Fact]
    public void EveryImportFileHasAnExpectedAnswerAndEveryCaseIsInTheReadme()
    {
        var catalogued = ImportCases.Refused.Concat(ImportCases.Accepted).ToList();

        Assert.Equal(HostileInputs.Files("import"), catalogued.Select(c => c.File).OfType<string>().Order(StringComparer.Ordinal));
        Assert.All(catalogued, c => Assert.Contains($"`{c.Name}`", HostileInputs.Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryGenerationBodyHasAnExpectedAnswerAndIsInTheReadme()
    {
        var catalogued = GenerationCases.All;

        Assert.Equal(HostileInputs.Files("generate"), catalogued.Select(c => c.File).OfType<string>().Order(StringComparer.Ordinal));
        Assert.All(catalogued, c => Assert.Contains($"`{c.Name}`", HostileInputs.Readme, StringComparison.Ordinal));
    }
}
