using MudBlazor;

namespace Portal.Web.Components.Layout;

internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b3cc4",
            Secondary = "#d9480f",
            AppbarBackground = "#2d1b69",
        },
    };
}
