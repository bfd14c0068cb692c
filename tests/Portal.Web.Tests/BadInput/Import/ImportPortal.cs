using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.BadInput.Import;

/// <summary>One portal for a whole theory of refused imports, with two verses in its library that must stay as they are.</summary>
public sealed class ImportPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = Portal.CreateAdminClient();
        await Admin.AddVerseAsync(11);
        await Admin.AddVerseAsync(12);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Portal.DisposeAsync();
    }
}
