using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Portal.Web.Options;

namespace Portal.Web.Startup;

/// <summary>Tells the person who ran the portal where to open it and where their data is.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        Console.WriteLine();
        foreach (var address in addresses)
            Console.WriteLine($"Verse Portal is running at {address}");
        Console.WriteLine($"Data directory: {Path.GetFullPath(options.DataDirectory)}");
        Console.WriteLine();
    }
}
