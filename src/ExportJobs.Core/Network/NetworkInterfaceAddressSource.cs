using System.Net;
using System.Net.NetworkInformation;

namespace ExportJobs.Network;

/// <summary>Reads the interface addresses from <see cref="NetworkInterface"/> (scope ids dropped, so they compare with resolved addresses).</summary>
internal sealed class NetworkInterfaceAddressSource : ILocalAddressSource
{
    public IReadOnlyCollection<IPAddress> GetAddresses()
    {
        var addresses = new HashSet<IPAddress>();
        try
        {
            foreach (var networkInterface in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in networkInterface.GetIPProperties().UnicastAddresses)
                {
                    addresses.Add(new IPAddress(unicast.Address.GetAddressBytes()));
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without the interface list only the range checks apply; the host's addresses are mostly private anyway.
        }

        return addresses;
    }
}
