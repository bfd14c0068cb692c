using Portal.Ml.Training;
using TorchSharp;

namespace Portal.Ml.Tests.Training;

public class GradientClippingTests
{
    private static List<TorchSharp.Modules.Parameter> ParametersWithGradients(float scale)
    {
        var a = new TorchSharp.Modules.Parameter(torch.zeros(2));
        var b = new TorchSharp.Modules.Parameter(torch.zeros(2, 2));
        (a * torch.tensor(new[] { 3f, 0f }) * scale).sum().backward();
        (b * torch.tensor(new[] { 0f, 4f, 0f, 0f }, [2, 2]) * scale).sum().backward();
        return [a, b];
    }

    [Fact]
    public void GradientsAboveTheLimitAreScaledToIt()
    {
        using var scope = torch.NewDisposeScope();
        var parameters = ParametersWithGradients(scale: 1); // global norm sqrt(3^2 + 4^2) = 5

        var norm = GradientClipping.ClipByGlobalNorm(parameters, maxNorm: 1.0);

        Assert.Equal(5f, norm.item<float>(), 5);
        Assert.Equal(0.6f, parameters[0].grad!.data<float>()[0], 5);
        Assert.Equal(0.8f, parameters[1].grad!.data<float>()[1], 5);
    }

    [Fact]
    public void GradientsWithinTheLimitStayAsTheyAre()
    {
        using var scope = torch.NewDisposeScope();
        var parameters = ParametersWithGradients(scale: 0.1f); // norm 0.5

        GradientClipping.ClipByGlobalNorm(parameters, maxNorm: 1.0);

        Assert.Equal(0.3f, parameters[0].grad!.data<float>()[0], 5);
        Assert.Equal(0.4f, parameters[1].grad!.data<float>()[1], 5);
    }
}
