using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Core.Training;
using Portal.Web.Api;

namespace Portal.Web.Tests.Training;

/// <summary>The calls tests make to /api/training, with the portal's own contracts and its JSON (enums as words).</summary>
internal static class TrainingApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> PostJobAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/training/jobs", body, Json);

    public static async Task<TrainingJobQueuedResponse> QueueAsync(this HttpClient client, object body)
    {
        using var response = await client.PostJobAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        var queued = JsonSerializer.Deserialize<TrainingJobQueuedResponse>(text, Json)!;
        Assert.Equal($"/api/training/jobs/{queued.Id}", response.Headers.Location?.OriginalString);
        return queued;
    }

    public static Task<TrainingJobQueuedResponse> QueueAsync(this HttpClient client, TrainingSettings settings) =>
        client.QueueAsync(TinyJob.Request(settings));

    public static async Task<TrainingJobResponse> GetJobAsync(this HttpClient client, long id)
    {
        using var response = await client.GetAsync($"/api/training/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TrainingJobResponse>(Json))!;
    }

    public static async Task<IReadOnlyList<JobEvent>> GetEventsAsync(this HttpClient client, long id, long after = 0)
    {
        using var response = await client.GetAsync($"/api/training/jobs/{id}/events?after={after}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<JobEvent>>(Json))!;
    }

    public static async Task<IReadOnlyList<TrainingJobResponse>> GetJobsAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/training/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<TrainingJobResponse>>(Json))!;
    }
}
