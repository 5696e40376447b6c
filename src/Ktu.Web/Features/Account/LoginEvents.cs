using System.Net;
using System.Net.Sockets;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Features.Account;

/// <summary>What a password check needs besides the e-mail and password.</summary>
internal sealed record LoginContext(
    SignInManager<AppUser> SignIn, UserManager<AppUser> Users, AppDbContext Db, TimeProvider Time, HttpContext Http, FailedLoginsPerAddress AddressLimit);

/// <summary>The audit actions of log-ins (issue 16): each attempt, page or API, leaves one entry.</summary>
internal static class LoginEvents
{
    public const string Succeeded = "login.succeeded";
    public const string Failed = "login.failed";
    /// <summary>The failed attempt that locked the account out for the network it came from.</summary>
    public const string LockedOut = "login.locked-out";

    public static readonly IReadOnlyList<string> All = [Succeeded, Failed, LockedOut];
}

/// <summary>
/// The address of a log-in as kept in the audit trail and shown in the user's own history: the network, not the machine
/// (IPv4 /24, IPv6 /48), enough to recognise "that was not me" without keeping a personal address for years.
/// </summary>
internal static class LoginAddress
{
    public static string Shorten(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var kept = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        for (var i = kept; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        var network = new IPAddress(bytes).ToString();
        return address.AddressFamily == AddressFamily.InterNetwork ? network + "/24" : network + "/48";
    }
}
