namespace ClinicalGAM.Storage;

/// <summary>
/// One check started on a saved model (a Goodhart check today), recorded when it starts so a crash leaves a trace:
/// a run still "running" at the next start-up was interrupted, and the model page says so and offers to re-run it.
/// Its result lives elsewhere (the flag run); this row only says that it ran, who started it and how it ended.
/// </summary>
public sealed class CheckRunRecord : IProjectOwned
{
    public const string Goodhart = "goodhart";

    public int Id { get; set; }
    /// <summary>The project it belongs to (see <see cref="ProjectScope"/>).</summary>
    public int ProjectId { get; set; }
    public int ModelId { get; set; }
    /// <summary>Which check (<see cref="Goodhart"/>).</summary>
    public required string Kind { get; set; }
    public CheckRunStatus Status { get; set; }
    public required string StartedBy { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    /// <summary>The error (failed) or a one-line outcome (finished), for the page.</summary>
    public string? Message { get; set; }

    public ModelRecord? Model { get; set; }
}
