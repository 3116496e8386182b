namespace ClinicalGAM.Reporting.Report;

/// <summary>The limitations a reader must weigh, stated from what the report found (not boilerplate alone).</summary>
internal static class ReportLimitations
{
    public static IReadOnlyList<string> For(ModelReport report)
    {
        var list = new List<string>
        {
            "Shape functions describe associations in recorded care, not causal effects: a lower score where " +
            "clinicians intervene can reflect the intervention, not lower underlying risk.",
        };
        if (report.SampleSize.TrainingRows > 0)
            list.Add("Performance is internal validation on held-out rows of the same cohort; external validation in " +
                     "another site or period is needed before clinical use.");
        else
            list.Add("The training rows were not given, so training sample size and events are not reported.");

        var perf = report.Performance;
        if (perf is null)
            list.Add("No discrimination or calibration is reported: the evaluation rows lack both outcome classes or the outcome is not binary.");
        else
        {
            if (perf.Events < 100)
                list.Add($"Only {Format.Count(perf.Events)} events among the evaluation rows: confidence intervals are wide " +
                         "and calibration estimates imprecise (at least 100 events are usually advised).");
            if (perf.Calibration.Slope is < 0.8 or > 1.2)
                list.Add($"The calibration slope is {Format.Number(perf.Calibration.Slope, 2)}: predicted risks are " +
                         $"{(perf.Calibration.Slope < 1 ? "too extreme (overfitting)" : "too moderate")} on held-out rows.");
        }
        if (report.SampleSize.TrainingRows > 0 && report.SampleSize.EventsPerPredictor < 10)
            list.Add($"{Format.Number(report.SampleSize.EventsPerPredictor, 1)} training events per predictor: the shape " +
                     "functions are likely noisy; read their error bands.");
        var heavy = report.Predictors.Where(p => p.MissingFraction > 0.2).Select(p => p.Name).ToList();
        if (heavy.Count > 0)
            list.Add($"{heavy.Count} predictor(s) are missing in more than 20% of rows ({string.Join(", ", heavy)}). The " +
                     "model scores missingness as its own bin, so it may learn why a value was (not) measured.");
        if (report.Flags is null)
            list.Add("The Goodhart drift analysis was not run for this report.");
        else if (report.Flags.Count > 0)
            list.Add($"{report.Flags.Select(f => f.Feature).Distinct().Count()} predictor(s) carry Goodhart flags: their risk " +
                     "curves reflect treatment decisions; do not use them to withhold treatment.");
        if (report.Input.TimeColumn is null)
            list.Add("No time column was given, so changes of practice over time were not examined.");
        return list;
    }
}
