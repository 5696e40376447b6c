using System.Net.Sockets;

namespace Ktu.CrashTests;

/// <summary>How a request to a process that is being killed can end without an answer.</summary>
internal static class Transport
{
    /// <summary>
    /// True when <paramref name="e"/> says the connection died before a whole answer came: a refused or reset
    /// socket (raw <see cref="SocketException"/>, as HttpClient sometimes throws it while the peer goes away),
    /// <see cref="HttpRequestException"/> with any inner exception, <see cref="IOException"/> (also
    /// HttpIOException), a disposed stream or socket, a cancelled or timed-out request, or several of these at once.
    /// An <see cref="HttpRequestException"/> that carries a status code was an answer (EnsureSuccessStatusCode),
    /// not a dead connection.
    /// </summary>
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsConnectionFailure),
        HttpRequestException http => http.StatusCode is null,
        SocketException or IOException or ObjectDisposedException or OperationCanceledException => true,
        _ => false,
    };
}
