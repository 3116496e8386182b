using Microsoft.AspNetCore.Identity;

namespace ClinicalGAM.Storage;

/// <summary>An account (team mode). The user name is the e-mail address.</summary>
public sealed class ClinicalGamUser : IdentityUser
{
    /// <summary>Manages accounts (create, lock, unlock); sees every project's audit entries.</summary>
    public bool IsSiteAdmin { get; set; }
    /// <summary>The project the user last switched to (the switcher in the layout).</summary>
    public int? CurrentProjectId { get; set; }
    public DateTime CreatedUtc { get; set; }
}
