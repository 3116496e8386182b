namespace ClinicalGAM.Core.Data.Csv;

/// <summary>Chooses comma, semicolon or tab by counting them (outside quotes) in the header line.</summary>
internal static class DelimiterDetector
{
    private static readonly char[] Candidates = [',', ';', '\t'];

    public static char Detect(string headerLine)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        bool quoted = false;
        foreach (char c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted)
                for (int k = 0; k < Candidates.Length; k++) if (c == Candidates[k]) counts[k]++;
        }
        int best = 0;
        for (int k = 1; k < Candidates.Length; k++) if (counts[k] > counts[best]) best = k;
        return Candidates[best];
    }
}
