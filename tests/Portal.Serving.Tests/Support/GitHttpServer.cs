using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Portal.Serving.Tests.Support;

/// <summary>
/// A private git host on 127.0.0.1: git's own smart-HTTP server (git http-backend, run as CGI) behind Basic auth, so
/// that fetching with a token is tested the way a real host answers, refusals included.
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GitHttpServer(WebApplication app) => _app = app;

    /// <summary>The URL of a repository under the served folder, e.g. "remote.git".</summary>
    public string UrlOf(string repository) => $"{_app.Urls.Single()}/{repository}";

    public static async Task<GitHttpServer> StartAsync(string root, string user, string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}"));
        app.Run(async context =>
        {
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"deploy\"";
                return;
            }
            await RunBackendAsync(context, root);
        });
        await app.StartAsync();
        return new GitHttpServer(app);
    }

    private static async Task RunBackendAsync(HttpContext context, string root)
    {
        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["REQUEST_METHOD"] = context.Request.Method;
        start.Environment["PATH_INFO"] = context.Request.Path.Value;
        start.Environment["QUERY_STRING"] = context.Request.QueryString.Value?.TrimStart('?') ?? "";
        start.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        start.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        start.Environment["REMOTE_USER"] = "deploy";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";

        using var backend = Process.Start(start)!;
        _ = backend.StandardError.ReadToEndAsync();
        await context.Request.Body.CopyToAsync(backend.StandardInput.BaseStream);
        backend.StandardInput.Close();

        var output = backend.StandardOutput.BaseStream;
        foreach (var header in await ReadCgiHeadersAsync(output))
        {
            var (name, value) = (header[..header.IndexOf(':')], header[(header.IndexOf(':') + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else
                context.Response.Headers.Append(name, value);
        }
        await output.CopyToAsync(context.Response.Body);
        await backend.WaitForExitAsync();
    }

    /// <summary>CGI output starts with header lines and a blank line; the body follows unparsed.</summary>
    private static async Task<List<string>> ReadCgiHeadersAsync(Stream output)
    {
        var headers = new List<string>();
        var line = new List<byte>();
        var one = new byte[1];
        while (await output.ReadAsync(one) == 1)
        {
            if (one[0] != '\n')
            {
                line.Add(one[0]);
                continue;
            }
            var text = Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
            line.Clear();
            if (text.Length == 0)
                break;
            headers.Add(text);
        }
        return headers;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
