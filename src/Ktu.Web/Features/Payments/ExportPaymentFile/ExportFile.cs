namespace Ktu.Web.Features.Payments;

/// <summary>A file made for download: its bytes, content type and file name.</summary>
internal sealed record ExportFile(byte[] Content, string ContentType, string FileName);
