using ClinicalGAM.Core.Modeling;

namespace ClinicalGAM.Web.Services;

/// <summary>A saved cohort as the lists show it.</summary>
public sealed record CohortEntry(int Id, string Name, string Source, int Rows, int Columns, DateTimeOffset CreatedUtc);

/// <summary>Held-out (test) performance of a fitted model.</summary>
public sealed record ModelMetrics
{
    public double TestAuc { get; init; }
    public double TestAucLow { get; init; } = double.NaN;
    public double TestAucHigh { get; init; } = double.NaN;
    public double TestLogLoss { get; init; }
    public double TestBrier { get; init; } = double.NaN;
    public double CalibrationSlope { get; init; } = double.NaN;
    public double CalibrationIntercept { get; init; } = double.NaN;
    /// <summary>Test AUC of the FastTree black-box reference on the same split; NaN until it was fitted.</summary>
    public double BlackBoxAuc { get; init; } = double.NaN;
    public int TrainRows { get; init; }
    public int TestRows { get; init; }
    public int TestEvents { get; init; }
    public double TestFraction { get; init; }
    /// <summary>k of the k-fold cross-validation on the training rows; 0 when it was not run.</summary>
    public int CvFolds { get; init; }
    /// <summary>Seed that dealt the training rows into folds (the specification's seed).</summary>
    public int CvSeed { get; init; }
    /// <summary>Out-of-fold AUC of each fold, in fold order; empty when cross-validation was not run.</summary>
    public double[] CvFoldAucs { get; init; } = [];
    public double CvAucMean { get; init; } = double.NaN;
    public double CvAucSd { get; init; } = double.NaN;
}

/// <summary>A saved model with the specification it came from and its test metrics.</summary>
public sealed record ModelEntry(int Id, int CohortId, string Name, GamModel Model, ModelSpecification Specification,
    ModelMetrics Metrics, DateTimeOffset CreatedUtc);

/// <summary>A saved model as lists show it (without the model itself).</summary>
public sealed record ModelListItem(int Id, int CohortId, string Name, string Engine, string Outcome, ModelMetrics Metrics,
    DateTimeOffset CreatedUtc);

/// <summary>A saved model specification, re-runnable on another cohort (external validation).</summary>
public sealed record SavedSpec(int Id, string Name, int? CohortId, ModelSpecification Specification, DateTimeOffset CreatedUtc)
{
    /// <summary>The outcome and features this specification needs that the cohort lacks (empty when it can run there).</summary>
    public IReadOnlyList<string> MissingColumns(Core.Data.CohortTable table) =>
        Specification.Features.Prepend(Specification.Outcome).Where(c => !table.Contains(c)).Distinct().ToList();
}

public enum FitStatus { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>A fit that was running when the server stopped: what it was, and how far it had got. Nothing of it was saved.</summary>
public sealed record InterruptedFit(int RunId, int CohortId, ModelSpecification Specification, DateTimeOffset CreatedUtc, double Progress, string? Stage);

/// <summary>One audit-log line as pages and reports show it.</summary>
public sealed record AuditEntry(DateTimeOffset WhenUtc, string Who, string From, string Action, string Subject, string Detail,
    int? CohortId, int? ModelId);
