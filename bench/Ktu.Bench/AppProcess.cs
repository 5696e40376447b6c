using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ktu.Bench;

/// <summary>A server under test, started as its own process so its CPU and memory are its own.</summary>
internal sealed class AppProcess : IDisposable
{
    private bool _disposed;

    private readonly Process _process;
    public string Url { get; }
    public int Pid => _process.Id;

    private AppProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>Starts KTU on its own database: <paramref name="name"/> "app" is the run's main instance; any other name gets a fresh database.</summary>
    public static AppProcess StartKtu(string root, string work, BenchDatabase database, string name = "app")
    {
        var port = FreePort();
        var web = Path.Combine(root, "src", "Ktu.Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "Ktu.Web.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["Demo__Enabled"] = "true";
        psi.Environment["Demo__AllowInProduction"] = "true"; // a demo host, as ./run.sh starts it
        psi.Environment["Security__AllowHttp"] = "true";
        psi.Environment["Security__LoginAttemptsPerMinute"] = "1000000";
        psi.Environment["Security__SubmitsPerHour"] = "1000000";
        psi.Environment["Security__DocumentDownloadsPerMinute"] = "1000000";
        foreach (var (key, value) in database.AppEnvironment(work, name))
        {
            psi.Environment[key] = value;
        }
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var app = Start(psi, $"http://127.0.0.1:{port}", Path.Combine(work, $"ktu-{name}.log"));
        app.Sibling = other => StartKtu(root, work, database, other);
        return app;
    }

    /// <summary>Starts another KTU like this one, on a fresh database of its own (null for the baseline server).</summary>
    public Func<string, AppProcess>? Sibling { get; private set; }

    public static AppProcess StartBaseline(string work, BenchDatabase database)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(AppProcess).Assembly.Location);
        psi.ArgumentList.Add("serve-baseline");
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(database.BaselineArgument(work));
        return Start(psi, $"http://127.0.0.1:{port}", Path.Combine(work, "baseline.log"));
    }

    private static AppProcess Start(ProcessStartInfo psi, string url, string logPath)
    {
        // bench.sh stops the harness's own thread pool from spinning; the processes under test run as they would in production.
        psi.Environment.Remove("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit");
        var p = Process.Start(psi) ?? throw new InvalidOperationException("Kunne ikke starte " + psi.FileName);
        // The app logs warnings and errors to stdout; they are kept in a file so a failed run can say why.
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new AppProcess(p, url);
    }

    public async Task WaitHealthyAsync(string path)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prosessen for {Url} stoppet med kode {_process.ExitCode}.");
            }
            try
            {
                if ((await http.GetAsync(Url + path)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Url}{path} svarte ikke innen to minutter.");
    }

    /// <summary>Samples the resident set size every 50 ms while the returned object lives.</summary>
    public MemoryWatch WatchMemory() => new(_process.Id);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>
/// The peak resident set of a process during one scenario. Linux keeps the peak itself (VmHWM); writing
/// "5" to /proc/PID/clear_refs resets it, so the peak is exact and per scenario, not the process's
/// lifetime peak. Where that reset is refused, the peak of VmRSS sampled every 50 ms is used instead.
/// </summary>
internal sealed class MemoryWatch : IDisposable
{
    private readonly int _pid;
    private readonly bool _hwmReset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;
    private double? _final;

    private readonly long _cpuTicksAtStart;
    private readonly long _ownCpuTicksAtStart;

    public MemoryWatch(int pid)
    {
        _pid = pid;
        _hwmReset = TryResetPeak(pid);
        _cpuTicksAtStart = CpuTicks(pid);
        _ownCpuTicksAtStart = CpuTicks(Environment.ProcessId);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var kb = StatusKb(pid, "VmRSS:");
                if (kb > Interlocked.Read(ref _peakKb))
                {
                    Interlocked.Exchange(ref _peakKb, kb);
                }
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>Peak resident set in MB (VmHWM since the reset, or the sampled VmRSS peak).</summary>
    public double PeakMb => _final ?? Current();

    private double Current()
    {
        var sampled = Interlocked.Read(ref _peakKb);
        var hwm = _hwmReset ? StatusKb(_pid, "VmHWM:") : 0;
        return Math.Max(sampled, hwm) / 1024.0;
    }

    /// <summary>
    /// CPU seconds (user + system) the process used since the watch started. Unlike latency this hardly
    /// depends on what else runs on the machine, so it compares runs made under different load.
    /// </summary>
    public double CpuSeconds => (CpuTicks(_pid) - _cpuTicksAtStart) / 100.0;

    /// <summary>
    /// CPU seconds this harness (the load generator) used since the watch started. It shares the machine's cores
    /// with the process under test, so a saturated machine is told apart from a saturated app.
    /// </summary>
    public double GeneratorCpuSeconds => (CpuTicks(Environment.ProcessId) - _ownCpuTicksAtStart) / 100.0;

    // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (USER_HZ, 100 on Linux).
    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _final = Current();
        _stop.Dispose();
    }
}
