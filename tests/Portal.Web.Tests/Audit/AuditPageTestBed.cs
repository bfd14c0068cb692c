using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Services;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Audit;

/// <summary>The component test bed plus the account services that the Profile and Writers pages use.</summary>
internal static class AuditPageTestBed
{
    public static Task<ComponentTestBed> CreateAsync() => ComponentTestBed.CreateAsync(services =>
    {
        services.AddIdentityCore<PortalUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<PortalDbContext>();
        services.AddScoped<WriterAdministration>();
    });
}
