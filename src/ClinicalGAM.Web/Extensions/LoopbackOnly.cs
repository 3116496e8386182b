using System.Net;

namespace ClinicalGAM.Web.Extensions;

/// <summary>
/// Without accounts the workbench is a single-user tool for one machine: anyone who can reach the port can read every
/// cohort. So it serves loopback addresses only, and refuses to start on any other address unless the operator says
/// in configuration that something else guards the port (ClinicalGam:AllowRemoteWithoutAccounts=true, e.g. behind an
/// authenticating reverse proxy on the same host).
/// </summary>
public static class LoopbackOnly
{
    /// <summary>The listening addresses that are not loopback ("*", "+", "0.0.0.0", a LAN address or host name).</summary>
    public static IReadOnlyList<string> NonLoopback(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls)) return [];
        var bad = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string host = HostOf(url);
            bool loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                            || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
            if (!loopback) bad.Add(url);
        }
        return bad;
    }

    private static string HostOf(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        string rest = scheme >= 0 ? url[(scheme + 3)..] : url;
        int slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']');
            return close > 0 ? rest[..(close + 1)] : rest;
        }
        int colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }

    /// <summary>Throws with a sentence an operator can act on when the app would listen beyond this machine.</summary>
    public static void Require(IConfiguration configuration)
    {
        if (configuration.GetValue("ClinicalGam:AllowRemoteWithoutAccounts", false)) return;
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? configuration["http_ports"];
        var bad = NonLoopback(urls);
        if (bad.Count > 0)
            throw new InvalidOperationException(
                $"ClinicalGAM has no accounts yet, so it serves this machine only (loopback), and will not listen on {string.Join(", ", bad)}. " +
                "Use http://127.0.0.1:PORT or http://localhost:PORT, or put an authenticating reverse proxy in front and set " +
                "ClinicalGam:AllowRemoteWithoutAccounts=true.");
    }
}
