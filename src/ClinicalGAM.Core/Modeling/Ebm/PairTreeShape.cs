namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// The cuts of a pair step's tree as <see cref="TermUpdate"/> built it: the primary axis (-1: not a tree), the cut on
/// it, and the secondary cut on its low and its high side (-1: that side whole). Handing it to
/// <see cref="ScoreStep.SetPairTree"/> spares reading the tree back from its 4,225-cell table at every step.
/// </summary>
internal readonly record struct PairTreeShape(int Axis, int Cut, int LowCut, int HighCut)
{
    public static readonly PairTreeShape None = new(-1, -1, -1, -1);

    public bool IsTree => Axis >= 0;
}
