using Portal.Ml.Cli;

// dotnet run -c Release --project bench/Portal.Bench [-- --smoke]
// The benchmark lives in Portal.Ml (Cli/Benchmark) so that `portal-ml bench` prints the very same table.
return CliApp.Run(["bench", .. args], Console.Out, Console.Error, CancellationToken.None);
