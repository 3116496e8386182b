namespace ClinicalGAM.Storage;

/// <summary>What a member may do in a project; each role includes the ones below it.</summary>
public enum ProjectRole
{
    /// <summary>Not a member: sees nothing of the project.</summary>
    None = 0,
    /// <summary>Reads cohorts, models and reports.</summary>
    Viewer = 1,
    /// <summary>Also uploads, fits, edits, runs checks and analyses.</summary>
    Analyst = 2,
    /// <summary>Also manages members and deletes.</summary>
    Owner = 3,
}
