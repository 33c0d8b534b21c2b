using System.Net;
using System.Net.Sockets;

namespace ExportJobs.Network;

/// <summary>
/// Tells globally reachable unicast addresses from everything else: loopback, private, link-local, shared (CGNAT),
/// multicast, broadcast and every other range of the IANA special-purpose registries that is not globally reachable.
/// </summary>
/// <remarks>
/// IPv6 is checked as "inside global unicast 2000::/3 and not special", which also refuses ranges registered later
/// outside it. Addresses that carry an IPv4 address (NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4
/// address; IPv4-mapped (::ffff:0:0/96) and Teredo (2001::/32) addresses are always refused.
/// </remarks>
internal static class SpecialPurposeAddresses
{
    private static readonly IpRange[] RefusedV4 =
    [
        IpRange.Parse("0.0.0.0/8"),          // "this network"
        IpRange.Parse("10.0.0.0/8"),         // private
        IpRange.Parse("100.64.0.0/10"),      // shared address space (CGNAT)
        IpRange.Parse("127.0.0.0/8"),        // loopback
        IpRange.Parse("169.254.0.0/16"),     // link-local (cloud metadata endpoints)
        IpRange.Parse("172.16.0.0/12"),      // private
        IpRange.Parse("192.0.0.0/24"),       // IETF protocol assignments
        IpRange.Parse("192.0.2.0/24"),       // documentation (TEST-NET-1)
        IpRange.Parse("192.88.99.0/24"),     // deprecated 6to4 relay anycast
        IpRange.Parse("192.168.0.0/16"),     // private
        IpRange.Parse("198.18.0.0/15"),      // benchmarking
        IpRange.Parse("198.51.100.0/24"),    // documentation (TEST-NET-2)
        IpRange.Parse("203.0.113.0/24"),     // documentation (TEST-NET-3)
        IpRange.Parse("224.0.0.0/4"),        // multicast
        IpRange.Parse("240.0.0.0/4"),        // reserved, and 255.255.255.255 broadcast
    ];

    private static readonly IpRange GlobalUnicastV6 = IpRange.Parse("2000::/3");
    private static readonly IpRange Nat64 = IpRange.Parse("64:ff9b::/96");
    private static readonly IpRange SixToFour = IpRange.Parse("2002::/16");

    private static readonly IpRange[] RefusedV6 =
    [
        IpRange.Parse("2001::/23"),          // IETF protocol assignments, Teredo 2001::/32 included
        IpRange.Parse("2001:db8::/32"),      // documentation
        IpRange.Parse("3fff::/20"),          // documentation
    ];

    /// <summary>Whether <paramref name="address"/> is a globally reachable unicast address.</summary>
    public static bool IsGlobal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !RefusedV4.Any(r => r.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsGlobal(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsGlobal(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return GlobalUnicastV6.Contains(address) && !RefusedV6.Any(r => r.Contains(address));
    }
}
