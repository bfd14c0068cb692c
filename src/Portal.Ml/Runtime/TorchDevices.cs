using TorchSharp;

namespace Portal.Ml.Runtime;

/// <summary>
/// Where tensors live: the first CUDA device when this process can use one, the CPU otherwise. Touching this
/// class loads libtorch, so a broken native install fails here with TorchSharp's own error.
/// </summary>
public static class TorchDevices
{
    public static torch.Device Preferred() => torch.cuda.is_available() ? torch.CUDA : torch.CPU;

    public static TorchRuntimeInfo Describe() => Describe(Preferred());

    public static TorchRuntimeInfo Describe(torch.Device device) => new(
        Backend: device.type == DeviceType.CUDA ? "cuda" : "cpu",
        Device: device.ToString(),
        CudaDevices: torch.cuda.is_available() ? torch.cuda.device_count() : 0,
        LibTorchVersion: torch.__version__,
        Threads: torch.get_num_threads());
}

/// <summary>What the worker reports about its TorchSharp runtime, e.g. on the training page and in job logs.</summary>
public sealed record TorchRuntimeInfo(string Backend, string Device, int CudaDevices, string LibTorchVersion, int Threads)
{
    public override string ToString() =>
        $"TorchSharp {Backend} backend, device {Device}" +
        (CudaDevices > 0 ? $" ({CudaDevices} CUDA device{(CudaDevices == 1 ? "" : "s")})" : "") +
        $", libtorch {LibTorchVersion}, {Threads} CPU thread{(Threads == 1 ? "" : "s")}";
}
