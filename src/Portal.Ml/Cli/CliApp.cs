using Portal.Ml.Cli.Benchmark;
using Portal.Ml.Model;

namespace Portal.Ml.Cli;

/// <summary>
/// The command-line front of Portal.Ml: train, generate, export, bench. Exit codes: 0 done, 1 failed, 2 wrong
/// command line, 130 stopped by Ctrl+C (a checkpoint is kept).
/// </summary>
public static class CliApp
{
    public static string Usage { get; } =
        "Usage: dotnet run --project src/Portal.Ml -- <command> [options]" + Environment.NewLine + Environment.NewLine
        + string.Join(Environment.NewLine + Environment.NewLine, TrainCommand.Usage, GenerateCommand.Usage, ExportCommand.Usage, BenchCommand.Usage);

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [] or ["help" or "--help" or "-h"])
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "train" => TrainCommand.Run(rest, output, cancellationToken),
                "generate" => GenerateCommand.Run(rest, output, cancellationToken),
                "export" => ExportCommand.Run(rest, output),
                "bench" => BenchCommand.Run(rest, output),
                var unknown => throw new UsageException($"Unknown command \"{unknown}\". Commands: train, generate, export, bench."),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run with --help for the usage.");
            return 2;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidCheckpointException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
