using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ktu.CrashTests;

/// <summary>
/// The real app as a process of its own (the built Release Ktu.Web.dll, as ./run.sh and the bench start
/// it) on a SQLite file, with demo data, so it can be killed with SIGKILL like a power cut would.
/// </summary>
internal sealed class KtuProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    public string Url { get; }

    private KtuProcess(Process process, string url)
    {
        _process = process;
        Url = url;
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

    public static KtuProcess Start(string databaseFile)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Ktu.Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "Ktu.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build with 'dotnet build -c Release' first.");
        }
        var url = $"http://127.0.0.1:{FreePort()}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Demo__Enabled"] = "true";
        psi.Environment["Demo__AllowInProduction"] = "true"; // a demo host, as ./run.sh starts it
        psi.Environment["Security__AllowHttp"] = "true";
        psi.Environment["Security__LoginAttemptsPerMinute"] = "1000000";
        psi.Environment["Security__SubmitsPerHour"] = "1000000";
        psi.Environment["Security__DocumentDownloadsPerMinute"] = "1000000";
        psi.Environment["Database__Provider"] = "Sqlite";
        psi.Environment["ConnectionStrings__Sqlite"] = $"Data Source={databaseFile}";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + dll);
        var app = new KtuProcess(process, url);
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
        while (_log.Count > 200 && _log.TryDequeue(out _))
        {
        }
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string LastOutput => string.Join('\n', _log.TakeLast(40));

    public bool HasExited => _process.HasExited;

    /// <summary>Polls /health until it answers; the app migrates and seeds before it listens.</summary>
    public async Task WaitHealthyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped with exit code {_process.ExitCode} before it answered:\n{LastOutput}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Url + "/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (Transport.IsConnectionFailure(e))
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"{Url}/health did not answer after 1200 tries:\n{LastOutput}");
    }

    /// <summary>
    /// SIGKILL: no shutdown, no flush, no disposal — the process is simply gone. False if it had already
    /// stopped on its own (a crash of the app, not of the harness's making).
    /// </summary>
    public bool KillHard()
    {
        var running = !_process.HasExited;
        if (running)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
        return running;
    }

    /// <summary>The exit code, once the process has stopped.</summary>
    public int ExitCode => _process.ExitCode;

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
