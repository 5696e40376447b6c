using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Ktu.Web.Web;

/// <summary>
/// The data-protection key ring (which signs cookies, bearer tokens and antiforgery tokens) lives in the database so that every
/// instance shares it; encrypted with a certificate, a copy of the database or of a backup cannot mint a log-in.
/// <c>DataProtection:CertificatePath</c> (a PKCS#12 .pfx file with its private key) and <c>DataProtection:CertificatePassword</c>;
/// required in production mode. Every instance needs the same certificate. Keys written before it was configured stay
/// readable (and unencrypted) until they expire; a new key is made encrypted.
/// </summary>
public static class KeyRingProtection
{
    public const string PathSetting = "DataProtection:CertificatePath";
    public const string PasswordSetting = "DataProtection:CertificatePassword";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        if (configuration[PathSetting] is not { Length: > 0 } path)
        {
            return builder;
        }
        X509Certificate2 certificate;
        try
        {
            // Ephemeral: the private key stays in memory, nothing is written to a key store on a read-only file system.
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordSetting], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"DataProtection__CertificatePath: could not read the certificate {path} ({e.Message}). Check the path, that the app may read it, and DataProtection__CertificatePassword.", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"DataProtection__CertificatePath: {path} has no private key; the key ring needs one to decrypt its keys.");
        }
        return builder.ProtectKeysWithCertificate(certificate);
    }
}
