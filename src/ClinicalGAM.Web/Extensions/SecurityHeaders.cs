namespace ClinicalGAM.Web.Extensions;

/// <summary>
/// Response headers for a page that shows patient data: no framing (clickjacking), no MIME sniffing, no referrer
/// leaving the machine, and a content-security policy that allows only this app's own scripts. Plotly and MudBlazor
/// set inline styles, hence 'unsafe-inline' for styles only; the SignalR circuit needs the page's own origin over
/// WebSocket; images may be data: or blob: URLs (plot downloads).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The HttpContext item holding this response's script nonce (the page's import map carries it).</summary>
    public const string NonceKey = "clinicalgam-csp-nonce";

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseClinicalGamSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The one inline script is the framework's import map: it gets a fresh nonce per response, nothing else does.
        string nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h["Content-Security-Policy"] = ContentSecurityPolicy(nonce);
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        await next();
    });
}
