using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Playground;
using Portal.Core.Verses;
using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;
using Portal.Web.Options;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Components.Playground.Support;
using Portal.Web.Tests.Versions;
using static Portal.Web.Tests.Components.Playground.Support.PlaygroundPageDriver;

namespace Portal.Web.Tests.Components.Playground;

[Collection(VersionRuns.Name)]
public sealed partial class PlaygroundRunTests(TrainedCandidates trained)
{
    private const string Prompt = "Storytelling verse 2 about the station at night";
    private const int Tokens = 40;

    [Fact]
    public async Task ARunShowsWhatTheModelWroteWithItsTimingsAndMarksThePassagesItRecitedFromATrainingVerse()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        // A verse the model will recite: what it writes greedily for the prompt, added to the library before the
        // job that "learns" it is queued, so that the copy guard indexes it among that model's training verses.
        var probe = await bed.CandidateAsync(bed.LearnedModel);
        var recited = (await bed.Playground.RunAsync(bed.Root, Greedy(probe.Id), onText: null)).Outputs.Single().Text;
        Assert.True(recited.Trim().Length > 40, $"The model wrote too little to recite: '{recited}'");
        var planted = await bed.Verses.AddAsync(new VerseText("A verse the model recites word for word", recited.Trim(), []), bed.Root, includeInTraining: true);
        Assert.True(planted.Succeeded, planted.Message);
        var reciting = await bed.CandidateAsync(bed.LearnedModel);
        var providers = bed.RenderProviders();

        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        Assert.True(page.ModelCheckBox(ModelChoice.ForCandidate(reciting.Id)).IsChecked());
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(Tokens);
        await page.GenerateAsync();

        page.WaitForRunFinished();
        var output = Assert.Single(page.Outputs());
        var record = (await bed.Playground.HistoryAsync(bed.Ana))[0];
        var written = Assert.Single(record.Outputs);
        Assert.Equal(recited, WrittenTextOf(output));
        Assert.Equal(written.Text, WrittenTextOf(output));
        Assert.Equal("job " + reciting.Id.ToString(CultureInfo.InvariantCulture) + " candidate", NameOf(output));

        Assert.Matches(@"^\d+ ms$", output.QuerySelector(".output-first-token")!.TextContent);
        Assert.Matches(@"^\d+\.\d tokens/s$", output.QuerySelector(".output-rate")!.TextContent);
        Assert.Equal($"{written.GeneratedTokens} tokens", output.QuerySelector(".output-tokens")!.TextContent);
        var finish = Enum.Parse<FinishReason>(output.QuerySelector(".output-figures")!.GetAttribute("data-finish")!);
        Assert.Contains(finish, new[] { FinishReason.Length, FinishReason.EndOfText });
        Assert.Equal(finish == FinishReason.Length ? "Reached the token limit" : "The model ended the verse", output.QuerySelector(".output-finish")!.TextContent);

        var share = CopiedShare().Match(output.QuerySelector(".output-copied")!.TextContent.Trim());
        Assert.True(share.Success, output.QuerySelector(".output-copied")!.TextContent);
        Assert.True(written.CopiedShare > 0);
        Assert.Equal(Math.Round(written.CopiedShare * 100), double.Parse(share.Groups[1].Value, CultureInfo.InvariantCulture));
        var passages = output.QuerySelectorAll("mark.copied-passage");
        Assert.NotEmpty(passages);
        Assert.All(passages, mark => Assert.Contains(mark.TextContent.Trim(), recited, StringComparison.Ordinal));
        var source = output.QuerySelector(".copied-source")!;
        Assert.Equal(planted.Verse!.Id.ToString(CultureInfo.InvariantCulture), source.GetAttribute("data-verse"));

        // The verse is one click away, in the library's own dialog, without leaving the output.
        await source.ClickAsync(new());
        providers.Dialogs.WaitForAssertion(() => Assert.Equal(planted.Verse.Text.Prompt, providers.Dialogs.Find("#verse-prompt").GetAttribute("value")), Patience);
        Assert.Single(page.Outputs());
    }

    [Fact]
    public async Task AModelThatCopiesNothingSaysSo()
    {
        // The model learned the shared corpus, but its job's library holds other verses: nothing it writes is theirs.
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.LearnedModel);

        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(Tokens);
        await page.GenerateAsync();

        page.WaitForRunFinished();
        var output = Assert.Single(page.Outputs());
        Assert.Equal(0, Assert.Single((await bed.Playground.HistoryAsync(bed.Ana))[0].Outputs).CopiedShare);
        Assert.Equal("No copied passages", output.QuerySelector(".output-copied")!.TextContent.Trim());
        Assert.Empty(output.QuerySelectorAll("mark"));
        Assert.False(string.IsNullOrWhiteSpace(TextOf(output)));
    }

    [Fact]
    public async Task TheOutputStreamsWhileTheModelWritesAndStopEndsTheRunWithWhatWasWritten()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        // The model that barely trained never writes its end token: it writes until it is stopped or reaches the limit.
        await bed.CandidateAsync(bed.BarelyTrainedModel);
        var limit = bed.Context.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.Limits.MaxNewTokens;
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(limit);

        // Not awaited: the button's handler returns only when the run has ended.
        page.Find("#playground-generate").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("false", page.Find("#playground-run").GetAttribute("data-finished"));
            Assert.NotEmpty(TextOf(Assert.Single(page.Outputs())));
        }, ModelPatience);
        // On the renderer's dispatcher, so that no streamed render replaces the button between finding and clicking it.
        await page.InvokeAsync(() => page.Find("#playground-stop").Click());
        page.WaitForRunFinished();
        var output = Assert.Single(page.Outputs());
        Assert.Equal(nameof(FinishReason.Cancelled), output.QuerySelector(".output-figures")!.GetAttribute("data-finish"));
        Assert.Equal("Stopped before the end", output.QuerySelector(".output-finish")!.TextContent);
        var written = Assert.Single((await bed.Playground.HistoryAsync(bed.Ana))[0].Outputs);
        Assert.InRange(written.GeneratedTokens, 1, limit - 1);
        Assert.Equal(written.Text, TextOf(output));
    }

    [Fact]
    public async Task LeavingThePageStopsItsRun()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.BarelyTrainedModel);
        var limit = bed.Context.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.Limits.MaxNewTokens;
        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        await page.TypePromptAsync(Prompt);
        await page.SetGreedyAsync(limit);
        page.Find("#playground-generate").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(TextOf(Assert.Single(page.Outputs()))), ModelPatience);

        await bed.Context.DisposeComponentsAsync();

        // The stopped run is recorded with what it wrote before the page went away.
        var written = await RecordedRunAsync(bed);
        Assert.Equal(nameof(FinishReason.Cancelled), written.FinishReason);
        Assert.InRange(written.GeneratedTokens, 1, limit - 1);
    }

    [Fact]
    public async Task ATooLongPromptIsRefusedWithTheReasonAndStaysInTheBox()
    {
        await using var bed = await PlaygroundTestBed.CreateAsync(trained);
        await bed.CandidateAsync(bed.LearnedModel);
        var limit = bed.Context.Services.GetRequiredService<IOptions<PlaygroundOptions>>().Value.Limits.MaxPromptChars;
        var tooLong = string.Concat(Enumerable.Repeat("Storytelling verse about a night bus home. ", limit / 20))[..(limit + 5)];

        var page = bed.RenderPage();
        page.WaitUntilLoaded();
        await page.TypePromptAsync(tooLong);
        Assert.Contains("5 over the limit", page.Find("#playground-prompt-counter").TextContent, StringComparison.Ordinal);
        await page.GenerateAsync();

        page.WaitForElement("#playground-refused", ModelPatience);
        Assert.Equal(nameof(PlaygroundRefusal.Invalid), page.Find("#playground-refused").GetAttribute("data-reason"));
        Assert.False(string.IsNullOrWhiteSpace(page.Find("#playground-refused-message").TextContent));
        var problem = Assert.Single(page.FindAll("#playground-refused-problems li"));
        Assert.Equal("prompt", problem.GetAttribute("data-field"), ignoreCase: true);
        Assert.Contains(limit.ToString(CultureInfo.InvariantCulture), problem.TextContent, StringComparison.Ordinal);
        Assert.Equal(tooLong, page.Prompt());
        Assert.Empty(page.FindAll("#playground-run"));
        Assert.Empty(await bed.Playground.HistoryAsync(bed.Ana));
        Assert.False(page.Find("#playground-generate").HasAttribute("disabled"));
    }

    /// <summary>The writer's one run, once the service has recorded it; polled, since nothing on a closed page reports it.</summary>
    private static async Task<GenerationOutput> RecordedRunAsync(PlaygroundTestBed bed)
    {
        using var patience = new CancellationTokenSource(ModelPatience);
        while (true)
        {
            if ((await bed.Playground.HistoryAsync(bed.Ana, patience.Token)).SingleOrDefault() is { } record)
                return Assert.Single(record.Outputs);
            await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
        }
    }

    private static PlaygroundRunRequest Greedy(long jobId) => new(
        new GenerateRequest { Prompt = Prompt, Temperature = 0, MaxNewTokens = Tokens },
        [ModelChoice.ForCandidate(jobId)]);

    [GeneratedRegex(@"^(\d+)% copied from training verses$")]
    private static partial Regex CopiedShare();
}
