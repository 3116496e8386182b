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

    /// <summary>
    /// Throws with a sentence an operator can act on when the app would listen beyond this machine without accounts
    /// (team mode, ClinicalGam:Accounts=true), or in team mode over plain HTTP (passwords and session cookies would
    /// cross the network in clear text).
    /// </summary>
    public static void Require(IConfiguration configuration)
    {
        // --urls / ASPNETCORE_URLS, plus any endpoint declared under Kestrel:Endpoints (e.g. the HTTPS one with its certificate).
        var urls = string.Join(';', new[] { configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? configuration["http_ports"] }
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]))
            .Where(u => !string.IsNullOrWhiteSpace(u)));
        var bad = NonLoopback(urls);
        if (bad.Count == 0) return;
        if (Accounts.AccountsMode.IsOn(configuration))
        {
            var plain = bad.Where(u => !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).ToList();
            if (plain.Count > 0)
                throw new InvalidOperationException(
                    $"ClinicalGAM will not serve accounts over plain HTTP beyond this machine ({string.Join(", ", plain)}): sign-in passwords and " +
                    "session cookies would cross the network unencrypted. Listen on https://HOST:PORT with a certificate " +
                    "(Kestrel:Certificates:Default:Path and :Password, see the README), or on http://127.0.0.1:PORT.");
            return;
        }
        if (configuration.GetValue("ClinicalGam:AllowRemoteWithoutAccounts", false)) return;
        throw new InvalidOperationException(
            $"ClinicalGAM runs in single-user mode (no accounts), so it serves this machine only (loopback), and will not listen on {string.Join(", ", bad)}. " +
            "Use http://127.0.0.1:PORT or http://localhost:PORT; or switch on team mode (ClinicalGam:Accounts=true, with HTTPS) " +
            "to share it; or put an authenticating reverse proxy in front and set ClinicalGam:AllowRemoteWithoutAccounts=true.");
    }
}
