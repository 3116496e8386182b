namespace ClinicalGAM.Storage;

/// <summary>
/// A project: the unit of sharing. Cohorts, specifications, models, fit runs, flags, validations and audit entries
/// belong to one; only its members see them. Project 1 is the default project (single-user mode, and the home of
/// everything saved before accounts existed).
/// </summary>
public sealed class ProjectRecord
{
    /// <summary>The project created by the AddAccountsAndProjects migration; owns every row saved before it.</summary>
    public const int DefaultId = 1;

    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<ProjectMemberRecord> Members { get; set; } = [];
}

/// <summary>One account's role in one project.</summary>
public sealed class ProjectMemberRecord
{
    public int ProjectId { get; set; }
    public required string UserId { get; set; }
    public ProjectRole Role { get; set; }
    public DateTime AddedUtc { get; set; }
    public ProjectRecord? Project { get; set; }
    public ClinicalGamUser? User { get; set; }
}

/// <summary>A row that belongs to a project (stamped from <see cref="ProjectScope.Current"/> when saved).</summary>
public interface IProjectOwned
{
    int ProjectId { get; set; }
}
