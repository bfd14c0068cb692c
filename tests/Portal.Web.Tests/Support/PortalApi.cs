using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Web.Api;

namespace Portal.Web.Tests.Support;

/// <summary>The calls tests make to /api/verses, with the portal's own response contracts.</summary>
public static class PortalApi
{
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public static async Task<IReadOnlyList<VerseResponse>> ListVersesAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/verses?pageSize=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<VersePageResponse>(Json);
        return page!.Items;
    }

    public static async Task<int> CountVersesAsync(this HttpClient client) => (await client.ListVersesAsync()).Count;

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, string body, string query = "") =>
        client.ImportAsync(Encoding.UTF8.GetBytes(body), query);

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, byte[] body, string query = "") =>
        client.PostAsync($"/api/verses/import{query}", new ByteArrayContent(body));

    public static async Task<ImportReportResponse> ReadReportAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<ImportReportResponse>(body, Json)!;
    }

    public static async Task<VerseResponse> AddVerseAsync(this HttpClient client, int number)
    {
        using var response = await client.PostAsJsonAsync("/api/verses", new { prompt = Corpus.Prompt(number), lyrics = Corpus.Lyrics(number) }, Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VerseResponse>(Json))!;
    }

    public static Task<HttpResponseMessage> PutVerseAsync(this HttpClient client, int id, string prompt, string lyrics, int revision) =>
        client.PutAsJsonAsync($"/api/verses/{id}", new { prompt, lyrics, revision }, Json);

    /// <summary>An RFC 7807 answer: checks the media type and returns the body.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
