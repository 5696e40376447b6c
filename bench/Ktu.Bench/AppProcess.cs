using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ktu.Bench;

/// <summary>A server under test, started as its own process so its CPU and memory are its own.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    public string Url { get; }
    public int Pid => _process.Id;

    private AppProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public static AppProcess StartKtu(string root, string work)
    {
        var port = FreePort();
        var web = Path.Combine(root, "src", "Ktu.Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "Ktu.Web.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["Demo__Enabled"] = "true";
        psi.Environment["Security__AllowHttp"] = "true";
        psi.Environment["Security__LoginAttemptsPerMinute"] = "1000000";
        psi.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(work, "ktu.db")}";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Start(psi, $"http://127.0.0.1:{port}");
    }

    public static AppProcess StartBaseline(string root, string work)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(AppProcess).Assembly.Location);
        psi.ArgumentList.Add("serve-baseline");
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(Path.Combine(work, "baseline.db"));
        return Start(psi, $"http://127.0.0.1:{port}");
    }

    private static AppProcess Start(ProcessStartInfo psi, string url)
    {
        var p = Process.Start(psi) ?? throw new InvalidOperationException("Kunne ikke starte " + psi.FileName);
        p.OutputDataReceived += (_, _) => { };
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

internal sealed class MemoryWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;

    public MemoryWatch(int pid)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var kb = RssKb(pid);
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

    public double PeakMb => Interlocked.Read(ref _peakKb) / 1024.0;

    private static long RssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
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
        _stop.Dispose();
    }
}
