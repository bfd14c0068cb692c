using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.GitOps.Tests.Support;

/// <summary>
/// A real git smart-HTTP server on 127.0.0.1: nginx with Basic auth in front of fcgiwrap and git http-backend, all
/// running as the current user from a temporary folder (configuration, sockets, pid file, logs, repositories). A push
/// to a local path would bypass server hooks and authentication; this is what a git host does over the wire.
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    public const string UserName = "deployer";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string root = Directory.CreateTempSubdirectory("git-http-").FullName;
    private readonly StringBuilder output = new();
    private Process? fcgiwrap;
    private Process? nginx;

    public GitHttpServer()
    {
        try
        {
            Directory.CreateDirectory(RepositoriesDirectory);
            File.WriteAllText(Path.Combine(root, "htpasswd"), $"{UserName}:{ProcessRunner.Run("openssl", ["passwd", "-apr1", Password]).Trim()}\n");
            fcgiwrap = Start("fcgiwrap", ["-c", "4", "-s", "unix:" + SocketPath]);
            WaitUntil(() => File.Exists(SocketPath), fcgiwrap, "fcgiwrap did not create its socket");
            StartNginx();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The one password the server accepts for <see cref="UserName"/>.</summary>
    public string Password { get; } = "right-" + Guid.NewGuid().ToString("N");

    public int Port { get; private set; }

    public string RepositoriesDirectory => Path.Combine(root, "repos");

    private string SocketPath => Path.Combine(root, "fcgiwrap.sock");

    private string AccessLog => Path.Combine(root, "access.log");

    public string UrlOf(string repository) => $"http://127.0.0.1:{Port}/{repository}.git";

    public string UrlWithCredentialsOf(string repository) => $"http://{UserName}:{Password}@127.0.0.1:{Port}/{repository}.git";

    /// <summary>A bare repository that takes pushes over HTTP, with HEAD on main; returns its name for <see cref="UrlOf"/>.</summary>
    public string CreateRepository(string? name = null)
    {
        name ??= "deploy-" + Guid.NewGuid().ToString("N")[..8];
        var path = PathOf(name);
        GitCli.Run(null, "init", "--quiet", "--bare", "--initial-branch=main", path);
        GitCli.Run(path, "config", "http.receivepack", "true");
        return name;
    }

    public string PathOf(string repository) => Path.Combine(RepositoriesDirectory, repository + ".git");

    /// <summary>A pre-receive hook that refuses every push with <paramref name="message"/>, as a host's branch protection would.</summary>
    public void RejectPushes(string repository, string message)
    {
        var hook = Path.Combine(PathOf(repository), "hooks", "pre-receive");
        File.WriteAllText(hook, $"#!/bin/sh\necho '{message}' >&2\nexit 1\n");
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The git test server runs nginx and fcgiwrap, which need Linux.");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>HTTP requests for this repository so far (answered ones, whatever their status).</summary>
    public int RequestCount(string repository) =>
        File.Exists(AccessLog) ? File.ReadLines(AccessLog).Count(line => line.Contains($"/{repository}.git/", StringComparison.Ordinal)) : 0;

    /// <summary>The requests for this repository answered 401.</summary>
    public int UnauthorizedCount(string repository) =>
        File.Exists(AccessLog) ? File.ReadLines(AccessLog).Count(line => line.Contains($"/{repository}.git/", StringComparison.Ordinal) && line.Contains("\" 401 ", StringComparison.Ordinal)) : 0;

    public void Dispose()
    {
        Stop(ref nginx);
        Stop(ref fcgiwrap);
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private void StartNginx()
    {
        // The free port is found by binding to port 0; another process may take it before nginx does, so try again.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            File.WriteAllText(Path.Combine(root, "nginx.conf"), NginxConfiguration());
            foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
                Directory.CreateDirectory(Path.Combine(root, "tmp", temp));
            nginx = Start("nginx", ["-p", root + "/", "-c", Path.Combine(root, "nginx.conf"), "-e", Path.Combine(root, "error.log")]);
            try
            {
                WaitUntil(Listening, nginx, "nginx did not start listening");
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                Stop(ref nginx);
            }
        }
    }

    private string NginxConfiguration() => $$"""
        daemon off;
        worker_processes 1;
        pid {{root}}/nginx.pid;
        error_log {{root}}/error.log warn;
        {{(Environment.UserName == "root" ? "user root;" : "")}}
        events { worker_connections 64; }
        http {
            access_log {{root}}/access.log;
            client_body_temp_path {{root}}/tmp/body;
            proxy_temp_path {{root}}/tmp/proxy;
            fastcgi_temp_path {{root}}/tmp/fastcgi;
            uwsgi_temp_path {{root}}/tmp/uwsgi;
            scgi_temp_path {{root}}/tmp/scgi;
            client_max_body_size 0;
            server {
                listen 127.0.0.1:{{Port}};
                location / {
                    auth_basic "git";
                    auth_basic_user_file {{root}}/htpasswd;
                    fastcgi_pass unix:{{SocketPath}};
                    fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
                    fastcgi_param GIT_PROJECT_ROOT {{RepositoriesDirectory}};
                    fastcgi_param GIT_HTTP_EXPORT_ALL "";
                    fastcgi_param PATH_INFO $uri;
                    fastcgi_param QUERY_STRING $query_string;
                    fastcgi_param REQUEST_METHOD $request_method;
                    fastcgi_param CONTENT_TYPE $content_type;
                    fastcgi_param CONTENT_LENGTH $content_length;
                    fastcgi_param REMOTE_USER $remote_user;
                    fastcgi_param REMOTE_ADDR $remote_addr;
                    fastcgi_param SERVER_PROTOCOL $server_protocol;
                    fastcgi_param GIT_CONFIG_NOSYSTEM 1;
                }
            }
        }
        """;

    private bool Listening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private Process Start(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(Executable(fileName)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        // Drained so that a chatty process never blocks on a full pipe; kept for the message when it fails to start.
        process.OutputDataReceived += (_, e) => Record(fileName, e.Data);
        process.ErrorDataReceived += (_, e) => Record(fileName, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string source, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.Append(source).Append(": ").AppendLine(line);
    }

    private void WaitUntil(Func<bool> ready, Process process, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!ready())
        {
            if (process.HasExited || watch.Elapsed > StartTimeout)
            {
                var errorLog = Path.Combine(root, "error.log");
                string recorded;
                lock (output)
                    recorded = output.ToString();
                throw new InvalidOperationException($"{failure}. {recorded}{(File.Exists(errorLog) ? File.ReadAllText(errorLog) : "")}");
            }
            Thread.Sleep(20);
        }
    }

    private static void Stop(ref Process? process)
    {
        if (process is null)
            return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        process = null;
    }

    /// <summary>Debian puts nginx and fcgiwrap in /usr/sbin, which is not on an ordinary user's PATH.</summary>
    private static string Executable(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed: run ./test.sh as root once, or 'sudo apt-get install -y nginx fcgiwrap'.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
