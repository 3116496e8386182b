namespace ClinicalGAM.Core.Modeling.Editing;

/// <summary>
/// A reviewer's editing of one model: the model as fitted (never changed), a list of applied steps and a position in
/// it. Undo and redo move the position; a new edit after an undo drops the undone steps (as every editor does).
/// Each step keeps the whole model after it (models are immutable and share unchanged terms), so undo gives back the
/// very same model, field by field.
/// </summary>
public sealed class EditSession
{
    private readonly List<(ShapeEditRecord Record, GamModel After)> _steps = [];
    private readonly TimeProvider _clock;

    /// <param name="fitted">The model being edited (as saved: it may itself carry earlier edits).</param>
    /// <param name="parent">The saved model this session edits, named in the history of what it saves.</param>
    public EditSession(GamModel fitted, ModelParent? parent = null, TimeProvider? clock = null)
    {
        Fitted = fitted;
        Parent = parent;
        _clock = clock ?? TimeProvider.System;
    }

    public GamModel Fitted { get; }
    public ModelParent? Parent { get; }

    /// <summary>Number of steps in effect (0 = as fitted).</summary>
    public int Position { get; private set; }

    public IReadOnlyList<ShapeEditRecord> Steps => _steps.Select(s => s.Record).ToList();

    /// <summary>The steps in effect, oldest first.</summary>
    public IReadOnlyList<ShapeEditRecord> Applied => _steps.Take(Position).Select(s => s.Record).ToList();

    public GamModel Current => Position == 0 ? Fitted : _steps[Position - 1].After;

    /// <summary>The model one step back (what "before this edit" compares against).</summary>
    public GamModel Previous => Position <= 1 ? Fitted : _steps[Position - 2].After;

    public bool CanUndo => Position > 0;
    public bool CanRedo => Position < _steps.Count;

    public ShapeEditRecord Apply(ShapeEdit edit, GamModel? donor = null, string? donorName = null)
    {
        var (model, record) = ShapeEditor.Apply(Current, edit, _clock.GetUtcNow(), Fitted, donor, donorName);
        _steps.RemoveRange(Position, _steps.Count - Position);
        _steps.Add((record, model));
        Position = _steps.Count;
        return record;
    }

    public void Undo() { if (CanUndo) Position--; }
    public void Redo() { if (CanRedo) Position++; }

    /// <summary>Go to any step (0 = as fitted) without losing the later ones until a new edit is made.</summary>
    public void JumpTo(int position)
    {
        if (position < 0 || position > _steps.Count) throw new ArgumentOutOfRangeException(nameof(position), $"There are {_steps.Count} steps.");
        Position = position;
    }

    /// <summary>Cells of a term touched by the steps in effect (earlier saved edits included): the plot marks them edited.</summary>
    public IReadOnlySet<int> EditedCells(string term) => EditHistory.EditedCells(Current, term);

    /// <summary>
    /// The model to save as a new version: the current model, its history extended by the steps in effect, naming the
    /// parent it was edited from.
    /// </summary>
    public GamModel ToVersion()
    {
        var earlier = Fitted.Info.Edits;
        return Current.WithInfo(Current.Info with
        {
            Edits = [.. earlier, .. Applied],
            EditedFrom = Parent ?? Fitted.Info.EditedFrom,
        });
    }
}

/// <summary>Reading a model's edit history.</summary>
public static class EditHistory
{
    /// <summary>Cells of the term changed by any recorded edit still reflected in the model.</summary>
    public static IReadOnlySet<int> EditedCells(GamModel model, string term)
    {
        var cells = new HashSet<int>();
        foreach (var record in model.Info.Edits.Where(e => e.Term == term))
        {
            // Restored as fitted, or deleted: no edited cell of the term is left in the model.
            if (record.Tool is ShapeEditTool.RestoreTerm or ShapeEditTool.DeleteTerm) { cells.Clear(); continue; }
            foreach (int c in record.Cells) cells.Add(c);
        }
        return cells;
    }
}
