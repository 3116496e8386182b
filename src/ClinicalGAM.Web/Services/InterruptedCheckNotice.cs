using System.Globalization;

namespace ClinicalGAM.Web.Services;

/// <summary>What the Goodhart panel says about a check the server did not live to finish.</summary>
public static class InterruptedCheckNotice
{
    /// <summary>
    /// The sentence to show, or null when there is nothing to say: the latest recorded check was not interrupted, a
    /// check is running now in this server, or a check saved since (its flags are newer than the interrupted start).
    /// </summary>
    public static string? For(CheckRunEntry? latest, FlagRun? live, FlagCheck? saved)
    {
        if (latest is not { WasInterrupted: true } || live is not null) return null;
        if (saved is not null && saved.RunUtc >= latest.StartedUtc) return null;
        string at = latest.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"The Goodhart check started at {at} UTC by {latest.StartedBy} was interrupted (server stopped); nothing of it was saved. Re-run it.";
    }
}
