using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Import;
using Portal.Data.Verses;
using Portal.Web.Options;

namespace Portal.Web.Services;

/// <summary>
/// Gives a brand-new portal a small corpus (written for this project, shipped inside the assembly) so that the
/// library, lint and the first training run have something to work on. Runs once, when the first admin is created.
/// </summary>
public sealed class SampleVerseSeeder(VerseStore verses, VerseImportStore importer, IOptions<PortalOptions> options, ILogger<SampleVerseSeeder> logger)
{
    private const string ResourceName = "Portal.Web.Samples.sample_verses.json";

    public async Task SeedAsync(Actor owner, CancellationToken cancellationToken)
    {
        if (!options.Value.SeedSampleVerses)
            return;
        if ((await verses.StatsAsync(cancellationToken)).Verses > 0)
            return;

        await using var stream = typeof(SampleVerseSeeder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sample verses resource {ResourceName} is missing from the build.");
        var parsed = await VerseImportParser.ParseAsync(stream, new ImportLimits(), VerseFormat.Json, cancellationToken);
        if (parsed.IsFileRejected || parsed.InvalidItems.Any())
            throw new InvalidOperationException("The shipped sample verses do not parse; this is a build defect.");

        var items = parsed.ValidItems.Select(item => (item.Number, item.Verse!)).ToList();
        var outcome = await importer.ImportAsync(items, owner, includeInTraining: true, cancellationToken);
        logger.LogInformation("Added {Count} sample verses to the empty library", outcome.AddedIds.Count);
    }
}
