using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Serving.Tests.Support;

namespace Portal.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class GenerateValidationTests(ServingFixture fixture)
{
    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"prompt": ""}""", "prompt is required" },
        { """{"prompt": "   "}""", "prompt is required" },
        { "{\"prompt\": \"" + new string('a', 2001) + "\"}", "the limit is 2000" },
        { """{"prompt": "rain", "maxNewTokens": 0}""", "maxNewTokens must be between 1 and 512" },
        { """{"prompt": "rain", "maxNewTokens": 513}""", "maxNewTokens must be between 1 and 512" },
        { """{"prompt": "rain", "temperature": -0.5}""", "temperature must be a finite number" },
        { """{"prompt": "rain", "temperature": "NaN"}""", "temperature must be a finite number" },
        { """{"prompt": "rain", "temperature": "Infinity"}""", "temperature must be a finite number" },
        { """{"prompt": "rain", "topP": 0}""", "topP must be above 0 and at most 1" },
        { """{"prompt": "rain", "topP": 1.5}""", "topP must be above 0 and at most 1" },
        { """{"prompt": "rain", "topK": -1}""", "topK cannot be negative" },
        { """{"prompt": "rain", "repetitionPenalty": 0}""", "repetitionPenalty must be a finite number above 0" },
        { """{"prompt": "rain", "stop": ["a", "b", "c", "d", "e"]}""", "stop has 5 strings; the limit is 4" },
        { """{"prompt": "rain", "stop": [""]}""", "stop strings cannot be empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task AnInvalidRequestIsRefusedWithItsReason(string json, string reason)
    {
        var host = await fixture.SteadyAsync();

        using var response = await host.Client.PostAsync("/generate", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARequestWithoutABodyIsRefused()
    {
        var host = await fixture.SteadyAsync();

        using var response = await host.Client.PostAsync("/generate", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Send a JSON body", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedWithWhatToSend()
    {
        var host = await fixture.SteadyAsync();

        using var response = await host.Client.PostAsync("/generate", new StringContent("{\"prompt\": ", Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("send JSON such as", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ATopKOfZeroTurnsTheCutOffInsteadOfBeingRefused()
    {
        var host = await fixture.SteadyAsync();

        var generated = await host.GenerateAsync(new { prompt = "rain", maxNewTokens = 4, topK = 0, seed = 1 });

        Assert.Equal(4, generated.GeneratedTokens);
    }
}
