using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Portal.Web.Tests.Components.Support;

public static class Typing
{
    /// <summary>
    /// Types into a field and leaves it, as a writer does before pressing Save (in a browser the click blurs the
    /// field first). Awaits each handler, so that nothing the test does next can overtake them.
    /// </summary>
    public static async Task TypeAsync<T>(this IRenderedComponent<T> component, string selector, string text) where T : IComponent
    {
        await component.Find(selector).InputAsync(new ChangeEventArgs { Value = text });
        await component.Find(selector).BlurAsync(new FocusEventArgs());
    }
}
