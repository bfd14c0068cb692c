using Microsoft.AspNetCore.Identity;

namespace Portal.Data.Entities;

public sealed class PortalUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
