using Portal.Worker.Cli;

namespace Portal.Worker.Tests.Cli;

public class WorkerArgumentsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void TheTokenComesFromTheEnvironmentWhenNotGiven()
    {
        var arguments = WorkerArguments.Parse(["--portal", "https://portal.example.com", "--work", "/srv/jobs", "--name", "gpu-1"],
            name => name == "PORTAL_WORKER_TOKEN" ? "secret-from-env" : null);

        Assert.Equal(new Uri("https://portal.example.com"), arguments.Portal);
        Assert.Equal("secret-from-env", arguments.Token);
        Assert.Equal("/srv/jobs", arguments.WorkDirectory);
        Assert.Equal("gpu-1", arguments.WorkerId);
    }

    [Fact]
    public void ATokenOnTheCommandLineWins()
    {
        var arguments = WorkerArguments.Parse(["--portal", "http://127.0.0.1:5000", "--token", "from-args"], _ => "from-env");

        Assert.Equal("from-args", arguments.Token);
        Assert.Null(arguments.WorkDirectory);
        Assert.Null(arguments.WorkerId);
    }

    [Theory]
    [InlineData(new string[0], "--portal is required.")]
    [InlineData(new[] { "--portal" }, "--portal needs a value.")]
    [InlineData(new[] { "--portal", "portal.example.com", "--token", "t" }, "--portal must be an http or https address")]
    [InlineData(new[] { "--portal", "ftp://portal.example.com", "--token", "t" }, "--portal must be an http or https address")]
    [InlineData(new[] { "--portal", "https://portal.example.com" }, "No worker token: set PORTAL_WORKER_TOKEN")]
    [InlineData(new[] { "--portal", "https://portal.example.com", "--token", "t", "--gpu" }, "Unknown argument \"--gpu\".")]
    [InlineData(new[] { "--portal", "https://a", "--portal", "https://b", "--token", "t" }, "--portal is given twice.")]
    public void WhatIsMissingOrWrongIsNamed(string[] args, string message)
    {
        var error = Assert.Throws<WorkerUsageException>(() => WorkerArguments.Parse(args, NoEnvironment));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void PrintingTheArgumentsNeverShowsTheToken()
    {
        var arguments = WorkerArguments.Parse(["--portal", "https://portal.example.com", "--token", "s3cr3t-t0ken"], NoEnvironment);

        Assert.DoesNotContain("s3cr3t-t0ken", arguments.ToString());
        Assert.DoesNotContain("s3cr3t-t0ken", new Portal.Worker.Remote.PortalConnection(arguments.Portal, arguments.Token).ToString());
    }
}
