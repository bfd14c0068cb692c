using Portal.Ml.Runtime;
using TorchSharp;

namespace Portal.Ml.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void PreferredDeviceIsCudaExactlyWhenCudaIsAvailable()
    {
        var info = TorchDevices.Describe();

        var expected = torch.cuda.is_available() ? "cuda" : "cpu";
        Assert.Equal(expected, info.Backend);
        Assert.StartsWith(expected, info.Device);
        Assert.Matches(@"^\d+\.\d+", info.LibTorchVersion);
        Assert.True(info.Threads >= 1, $"threads = {info.Threads}");
        Assert.Contains($"libtorch {info.LibTorchVersion}", info.ToString());
    }

    [Fact]
    public void MatrixProductMatchesHandComputedValues()
    {
        using var scope = torch.NewDisposeScope();
        var device = TorchDevices.Preferred();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2], device: device);
        var b = torch.tensor(new float[] { 5, 6, 7, 8 }, [2, 2], device: device);

        var product = a.matmul(b).cpu().data<float>().ToArray();

        Assert.Equal([19f, 22f, 43f, 50f], product);
    }

    [Fact]
    public void BackwardOfSumOfSquaresGivesTwiceTheInput()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1f, -2f, 3.5f, 0f }, device: TorchDevices.Preferred(), requires_grad: true);

        var y = (x * x).sum();
        y.backward();

        Assert.Equal(17.25f, y.item<float>());
        Assert.NotNull(x.grad);
        Assert.Equal([2f, -4f, 7f, 0f], x.grad.cpu().data<float>().ToArray());
    }
}
