using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Core.Playground;
using Portal.Web.Components.Pages.Playground;

namespace Portal.Web.Tests.Components.Playground.Support;

/// <summary>What a writer does on the playground page and what they read there, by the page's own ids and classes.</summary>
public static class PlaygroundPageDriver
{
    /// <summary>
    /// Models load and write on a CPU that may be busy with a build: long, and only a guard against a hang; every
    /// wait ends as soon as the page shows what it waits for.
    /// </summary>
    public static readonly TimeSpan ModelPatience = TimeSpan.FromMinutes(3);

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The models are listed once the page has loaded them.</summary>
    public static void WaitUntilLoaded(this IRenderedComponent<PlaygroundPage> page) => page.WaitForElement("#model-picker", Patience);

    public static Task TypePromptAsync(this IRenderedComponent<PlaygroundPage> page, string prompt) =>
        page.Find("#playground-prompt").InputAsync(new ChangeEventArgs { Value = prompt });

    public static string Prompt(this IRenderedComponent<PlaygroundPage> page) => page.Find("#playground-prompt").GetAttribute("value") ?? page.Find("#playground-prompt").TextContent;

    public static Task SetAsync(this IRenderedComponent<PlaygroundPage> page, string fieldId, string value) =>
        page.Find("#" + fieldId).InputAsync(new ChangeEventArgs { Value = value });

    /// <summary>Greedy decoding: the same model on the same prompt writes the same text, so that a test can know it in advance.</summary>
    public static async Task SetGreedyAsync(this IRenderedComponent<PlaygroundPage> page, int maxNewTokens)
    {
        await page.SetAsync("sampling-temperature", "0");
        await page.SetAsync("sampling-max-new-tokens", maxNewTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static IElement ModelCheckBox(this IRenderedComponent<PlaygroundPage> page, ModelChoice model) =>
        page.Find($".model-option[data-model='{model}'] input[type=checkbox]");

    public static bool IsChecked(this IElement checkBox) => checkBox.HasAttribute("checked") || checkBox.GetAttribute("aria-checked") == "true";

    public static Task ToggleModelAsync(this IRenderedComponent<PlaygroundPage> page, ModelChoice model, bool on) =>
        page.ModelCheckBox(model).ChangeAsync(new ChangeEventArgs { Value = on });

    public static async Task GenerateAsync(this IRenderedComponent<PlaygroundPage> page)
    {
        page.WaitForAssertion(() => Assert.False(page.Find("#playground-generate").HasAttribute("disabled")), Patience);
        await page.Find("#playground-generate").ClickAsync(new());
    }

    /// <summary>Waits for the run to end and for the Generate button to be back.</summary>
    public static void WaitForRunFinished(this IRenderedComponent<PlaygroundPage> page) =>
        page.WaitForAssertion(() =>
        {
            Assert.Equal("true", page.Find("#playground-run").GetAttribute("data-finished"));
            Assert.NotEmpty(page.FindAll("#playground-generate"));
        }, ModelPatience);

    public static IReadOnlyList<IElement> Outputs(this IRenderedComponent<PlaygroundPage> page) => page.FindAll("#playground-run .playground-output");

    public static string NameOf(IElement output) => output.QuerySelector(".output-name")!.TextContent.Trim();

    public static string TextOf(IElement output) => output.QuerySelector(".output-text")!.TextContent;

    /// <summary>The output's text without the links the copy guard adds after each copied passage.</summary>
    public static string WrittenTextOf(IElement output)
    {
        var text = (IElement)output.QuerySelector(".output-text")!.Clone(deep: true);
        foreach (var link in text.QuerySelectorAll("sup").ToList())
            link.Remove();
        return text.TextContent;
    }
}
