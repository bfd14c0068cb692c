using Portal.Ml.Generation;
using Portal.Ml.Generation.Requests;

namespace Portal.Ml.Tests.Generation;

public sealed class GenerateRequestValidatorTests
{
    [Fact]
    public void WhatARequestLeavesOutTakesTheEngineDefaultsAndTheServiceTokenBudget()
    {
        var engine = new GenerationOptions();

        var options = GenerateRequestValidator.ToOptions(new GenerateRequest { Prompt = "rain" }, new GenerateLimits());

        Assert.Equal(128, options.MaxNewTokens);
        Assert.Equal((engine.Temperature, engine.TopK, engine.TopP, engine.RepetitionPenalty), (options.Temperature, options.TopK, options.TopP, options.RepetitionPenalty));
        Assert.Null(options.Seed);
        Assert.Empty(options.StopSequences);
    }

    [Fact]
    public void WhatARequestSaysIsPassedOn()
    {
        var request = new GenerateRequest { Prompt = "rain", MaxNewTokens = 7, Temperature = 0, TopK = 0, TopP = 0.5, RepetitionPenalty = 1.3, Seed = -4, Stop = ["\n\n"] };

        var options = GenerateRequestValidator.ToOptions(request, new GenerateLimits());

        Assert.Empty(GenerateRequestValidator.Problems(request, new GenerateLimits()));
        Assert.Equal((7, 0.0, (int?)null, (double?)0.5, 1.3, (long?)-4), (options.MaxNewTokens, options.Temperature, options.TopK, options.TopP, options.RepetitionPenalty, options.Seed));
        Assert.Equal(["\n\n"], options.StopSequences);
        options.Validate();
    }

    [Fact]
    public void ThePromptLimitIsConfigurable()
    {
        var problems = GenerateRequestValidator.Problems(new GenerateRequest { Prompt = "rain on the roof" }, new GenerateLimits { MaxPromptChars = 10 });

        Assert.Equal(["prompt is 16 characters long; the limit is 10."], problems["prompt"]);
    }
}
