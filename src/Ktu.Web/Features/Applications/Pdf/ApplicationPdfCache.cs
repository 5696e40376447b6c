using Microsoft.Extensions.Caching.Memory;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// A submission's PDF copy never changes once rendered (the snapshot is immutable; only the "withdrawn" mark can turn on),
/// so it is rendered once per submission and mark and kept in memory within a byte budget (Documents:PdfCacheBytes,
/// default 64 MB). Repeated downloads then cost a lookup, not a rendering.
/// </summary>
internal sealed class ApplicationPdfCache(IConfiguration configuration) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = configuration.GetValue("Documents:PdfCacheBytes", 64L * 1024 * 1024),
    });

    public byte[] GetOrRender(Guid submissionId, bool withdrawn, Func<byte[]> render)
    {
        var key = (submissionId, withdrawn);
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }
        var pdf = render();
        _cache.Set(key, pdf, new MemoryCacheEntryOptions { Size = pdf.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return pdf;
    }

    public void Dispose() => _cache.Dispose();
}
