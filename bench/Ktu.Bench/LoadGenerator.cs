using System.Diagnostics;
using HdrHistogram;

namespace Ktu.Bench;

/// <summary>
/// Open-model load: request i is due at start + i/rate whatever happened to earlier requests, and its
/// latency is measured from when it was due, so a stalled server cannot hide its queue
/// (no coordinated omission).
/// </summary>
internal static class LoadGenerator
{
    private static readonly StreamWriter? Trace = Environment.GetEnvironmentVariable("KTU_BENCH_TRACE") is { Length: > 0 } path ? new StreamWriter(path) { AutoFlush = true } : null;

    public sealed record Result(string Name, double Rate, TimeSpan Duration, long Sent, long Ok, long Failed, LongHistogram Latency, TimeSpan Elapsed)
    {
        public double Throughput => Ok / Elapsed.TotalSeconds;
        public double Ms(double percentile) => Latency.TotalCount == 0 ? 0 : Latency.GetValueAtPercentile(percentile) / 1000.0;
        public double MaxMs => Latency.TotalCount == 0 ? 0 : Latency.GetMaxValue() / 1000.0;
    }

    /// <param name="send">Sends request number i; returns true when the answer was the expected one.</param>
    public static async Task<Result> RunAsync(string name, double rate, TimeSpan duration, Func<long, Task<bool>> send, int maxInFlight = 2000)
    {
        var histogram = new LongHistogram(5L * 60 * 1_000_000, 3);
        var total = (long)(rate * duration.TotalSeconds);
        long ok = 0, failed = 0;
        var inFlight = new SemaphoreSlim(maxInFlight);
        var tasks = new List<Task>((int)Math.Min(total, 1_000_000));
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var dueTicks = (long)(i * Stopwatch.Frequency / rate);
            var wait = dueTicks - clock.ElapsedTicks;
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }
            await inFlight.WaitAsync();
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var success = await send(n);
                    var latencyTicks = clock.ElapsedTicks - dueTicks;
                    var micros = Math.Max(1, latencyTicks * 1_000_000 / Stopwatch.Frequency);
                    lock (histogram)
                    {
                        histogram.RecordValue(Math.Min(micros, histogram.HighestTrackableValue));
                        Trace?.WriteLine($"{name}\t{dueTicks * 1000.0 / Stopwatch.Frequency:F1}\t{micros / 1000.0:F1}");
                    }
                    Interlocked.Increment(ref success ? ref ok : ref failed);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        return new Result(name, rate, duration, total, ok, failed, histogram, clock.Elapsed);
    }
}
