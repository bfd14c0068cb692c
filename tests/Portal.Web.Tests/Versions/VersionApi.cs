using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Web.Api;
using Portal.Web.Tests.Training;

namespace Portal.Web.Tests.Versions;

/// <summary>The calls tests make to /api/versions, with the portal's own contracts and JSON (enums as words).</summary>
internal static class VersionApi
{
    public static Task<HttpResponseMessage> PostPromoteAsync(this HttpClient client, long jobId, string? note = null, bool? overrideChecklist = null) =>
        client.PostAsJsonAsync("/api/versions", new { jobId, note, @override = overrideChecklist }, TrainingApi.Json);

    public static Task<HttpResponseMessage> PostRollbackAsync(this HttpClient client, int number, string? note = null) =>
        client.PostAsJsonAsync($"/api/versions/{number}/rollback", new { note }, TrainingApi.Json);

    public static Task<HttpResponseMessage> PostPushAsync(this HttpClient client, int number) =>
        client.PostAsync($"/api/versions/{number}/push", null);

    public static async Task<VersionResponse> PromoteAsync(this HttpClient client, long jobId, string? note = null, bool? overrideChecklist = null)
    {
        using var response = await client.PostPromoteAsync(jobId, note, overrideChecklist);
        return await response.ReadCreatedAsync();
    }

    public static async Task<VersionResponse> RollbackAsync(this HttpClient client, int number, string? note = null)
    {
        using var response = await client.PostRollbackAsync(number, note);
        return await response.ReadCreatedAsync();
    }

    public static async Task<VersionResponse> ReadCreatedAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        var version = JsonSerializer.Deserialize<VersionResponse>(text, TrainingApi.Json)!;
        Assert.Equal($"/api/versions/{version.Number}", response.Headers.Location?.OriginalString);
        return version;
    }

    public static async Task<IReadOnlyList<VersionResponse>> ListVersionsAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/versions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<VersionResponse>>(TrainingApi.Json))!;
    }

    public static async Task<VersionDetailsResponse> GetVersionAsync(this HttpClient client, int number)
    {
        using var response = await client.GetAsync($"/api/versions/{number}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VersionDetailsResponse>(TrainingApi.Json))!;
    }
}
