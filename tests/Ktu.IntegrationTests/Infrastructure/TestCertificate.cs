using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>A self-signed certificate with its private key in a password-protected .pfx file, as an operator would give the app.</summary>
public static class TestCertificate
{
    public const string Password = "sertifikat-passord";

    /// <summary>Writes a fresh certificate to <paramref name="path"/> and returns the path.</summary>
    public static string WritePfx(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=KTU data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
