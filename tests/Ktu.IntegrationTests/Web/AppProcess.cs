using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ktu.IntegrationTests.Web;

/// <summary>
/// The real app as an operating-system process of its own (the built Ktu.Web.dll with the real <c>Program</c>, started
/// as docs/operations.md says: <c>dotnet Ktu.Web.dll</c>, settings in environment variables, its port from <c>--urls</c>).
/// Its output is kept for failure messages; disposing it kills it with its children.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    public string Name { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>; empty for a command that serves nothing.</summary>
    public string Url { get; }

    private AppProcess(string name, Process process, string url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    /// <summary>
    /// Ktu.Web.dll built in the same configuration as this test assembly (./test.sh builds Release, an IDE Debug):
    /// this assembly is in tests/Ktu.IntegrationTests/bin/CONFIGURATION/TFM/, the app in src/Ktu.Web/bin/CONFIGURATION/TFM/.
    /// </summary>
    public static string WebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "src", "Ktu.Web", "bin", configuration, framework, "Ktu.Web.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} is missing: build the solution ('dotnet build Ktu.slnx -c {configuration}') first.");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ktu.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Found no Ktu.slnx above " + AppContext.BaseDirectory);
    }

    /// <summary>Starts the web server on a free port of its own.</summary>
    public static AppProcess StartServer(string name, IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        return Start(name, environment, url, ["--urls", url]);
    }

    /// <summary>Runs a command (<c>migrate</c>, <c>create-admin EMAIL</c>) to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var command = Start(string.Join(' ', arguments), environment, "", arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await command._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return (-1, "did not end within 5 minutes\n" + command.Output);
        }
        command._process.WaitForExit(); // the last output lines
        return (command._process.ExitCode, command.Output);
    }

    private static AppProcess Start(string name, IReadOnlyDictionary<string, string> environment, string url, IEnumerable<string> arguments)
    {
        var dll = WebDll();
        var psi = new ProcessStartInfo("dotnet")
        {
            // The project folder is the content root, as ./run.sh has it: appsettings.json and wwwroot are there.
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", "Ktu.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        // Nothing from the test run's own environment (ASPNETCORE_*, KTU_*) leaks in: the process has what the test gives it.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.StartsWith("KTU_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + dll);
        var app = new AppProcess(name, process, url);
        process.OutputDataReceived += (_, e) => app.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => app.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log.Enqueue(line);
        while (_log.Count > 400 && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Output => $"--- {Name} ---\n" + string.Join('\n', _log.TakeLast(80));

    /// <summary>Polls <c>/health/ready</c> until it answers 200 (database reachable, no migration pending).</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} stopped with exit code {_process.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Url + "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"{Url}/health/ready was not ready after {timeout} ({last}):\n{Output}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
