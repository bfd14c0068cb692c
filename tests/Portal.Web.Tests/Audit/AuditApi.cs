using System.Net;
using System.Net.Http.Json;
using Portal.Core.Audit;
using Portal.Web.Api;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Audit;

/// <summary>Reads GET /api/audit as an admin would, with the portal's own contract.</summary>
internal static class AuditApi
{
    public static async Task<AuditPageResponse> GetAuditAsync(this HttpClient client, string query = "")
    {
        using var response = await client.GetAsync($"/api/audit{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return (await response.Content.ReadFromJsonAsync<AuditPageResponse>(TrainingApi.Json))!;
    }

    /// <summary>The one entry of an action; fails when there is none or more than one.</summary>
    public static async Task<AuditEntry> SingleAsync(this HttpClient client, AuditAction action) =>
        Assert.Single((await client.GetAuditAsync($"?action={action}")).Items);

    public static void AssertEntry(AuditEntry entry, string actorName, AuditAction action, string target)
    {
        Assert.Equal(action, entry.Action);
        Assert.Equal(actorName, entry.ActorName);
        Assert.Equal(target, entry.Target);
    }
}
