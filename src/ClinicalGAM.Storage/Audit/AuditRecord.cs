namespace ClinicalGAM.Storage;

/// <summary>
/// One line of the append-only audit log: who did what to which cohort or model, when and from where. Ids are kept
/// as plain numbers (no foreign keys) and the subject's name is copied, so deleting a cohort or model keeps its trail.
/// The database refuses updates and deletes of this table (triggers), so the log cannot be rewritten through the app.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTime WhenUtc { get; set; }
    /// <summary>The account, or in single-user mode the server's OS user.</summary>
    public required string Who { get; set; }
    /// <summary>Where the request came from (remote address, or "this machine").</summary>
    public required string From { get; set; }
    /// <summary>upload, fit, edit, check, download, export, import, validate, delete, sign-in ...</summary>
    public required string Action { get; set; }
    /// <summary>The project acted in; null for site-wide events (sign-in, accounts).</summary>
    public int? ProjectId { get; set; }
    public int? CohortId { get; set; }
    public int? ModelId { get; set; }
    /// <summary>The cohort's or model's name at the time.</summary>
    public string Subject { get; set; } = "";
    public string Detail { get; set; } = "";
    /// <summary>Not stamped with the current project (sign-in, account changes): set by <see cref="AuditStore.AppendSiteAsync"/>.</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public bool SiteWide { get; set; }
}
