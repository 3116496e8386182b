namespace ClinicalGAM.Core.Modeling.Ebm;

/// <summary>
/// Purifies a pair surface (Lengerich et al. 2020): repeatedly removes its weighted row and column means so that what
/// is left is pure interaction, returning the removed parts as additions to the two main effects. Predictions are
/// unchanged cell by cell.
/// </summary>
internal static class PairPurification
{
    public static (double[] Rows, double[] Columns) Purify(double[] surface, double[] weights, int d0, int d1,
        int maxIterations, double tolerance = 1e-10)
    {
        var rows = new double[d0];
        var cols = new double[d1];
        for (int iter = 0; iter < maxIterations; iter++)
        {
            double change = 0;
            for (int a = 0; a < d0; a++)
            {
                double sw = 0, s = 0;
                for (int b = 0; b < d1; b++) { double w = weights[a * d1 + b]; sw += w; s += w * surface[a * d1 + b]; }
                if (sw <= 0) continue;
                double m = s / sw;
                for (int b = 0; b < d1; b++) surface[a * d1 + b] -= m;
                rows[a] += m;
                change = Math.Max(change, Math.Abs(m));
            }
            for (int b = 0; b < d1; b++)
            {
                double sw = 0, s = 0;
                for (int a = 0; a < d0; a++) { double w = weights[a * d1 + b]; sw += w; s += w * surface[a * d1 + b]; }
                if (sw <= 0) continue;
                double m = s / sw;
                for (int a = 0; a < d0; a++) surface[a * d1 + b] -= m;
                cols[b] += m;
                change = Math.Max(change, Math.Abs(m));
            }
            if (change < tolerance) break;
        }
        return (rows, cols);
    }
}
