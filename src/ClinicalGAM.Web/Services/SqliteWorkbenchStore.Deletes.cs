using ClinicalGAM.Storage;

namespace ClinicalGAM.Web.Services;

// Deleting: owners only, checked here as every other write is; the audit entry is written in the delete's transaction.
public sealed partial class SqliteWorkbenchStore
{
    private DeletionStore Deletions => deletions ?? throw new InvalidOperationException("This store was built without a DeletionStore.");

    public Task<DeletionContents?> CountCohortDeletionAsync(int cohortId, CancellationToken ct = default)
    {
        Require(ProjectRole.Owner);
        return Deletions.CountCohortAsync(cohortId, ct);
    }

    public Task<DeletionContents?> CountModelDeletionAsync(int modelId, CancellationToken ct = default)
    {
        Require(ProjectRole.Owner);
        return Deletions.CountModelAsync(modelId, ct);
    }

    public Task<DeletionContents?> DeleteCohortAsync(int cohortId, CancellationToken ct = default)
    {
        Require(ProjectRole.Owner);
        return Deletions.DeleteCohortAsync(cohortId, Who, From, ct);
    }

    public Task<DeletionContents?> DeleteModelAsync(int modelId, CancellationToken ct = default)
    {
        Require(ProjectRole.Owner);
        return Deletions.DeleteModelAsync(modelId, Who, From, ct);
    }

    private static string Who => ProjectScope.Current?.Who ?? LocalUser;
    private static string From => ProjectScope.Current?.From ?? "this machine";
}
