namespace ClinicalGAM.Core.Tests.Serialization.InterpretMl;

/// <summary>
/// InterpretML fits made once for the interoperability tests (about 2 s each): for each dataset, the CSV, the
/// model file written by InterpretML's own to_json and its predict_proba for every row of the CSV.
/// Training rows are the first ones; the rest are held out (scored, never fitted on).
/// </summary>
public sealed class InterpretMlFits : IDisposable
{
    public sealed record Fit(string Name, string DataPath, string Outcome, int TrainingRows, string ModelPath, double[] Probabilities);

    public InterpretMlFits()
    {
        InterpretMlPeer.EnsureAvailable();
        Directory.CreateDirectory(WorkDirectory);

        // Pima (R mlbench PimaIndiansDiabetes2): numbers only, with many missing values; pairs detected by InterpretML.
        Pima = Make("pima", Path.Combine(InterpretMlPeer.DataDirectory, "pima.csv"), "diabetes", 614, "--interactions", "3");

        // The sample cohort's first 2,500 deliveries: three categorical columns, blanked delivery modes (missing
        // category), an insurance label only in the held-out rows (unknown/unseen bin), and pairs that include
        // categorical features (named, since InterpretML's detection picked numeric pairs only here).
        string smm = Path.Combine(WorkDirectory, "smm_subset.csv");
        InterpretMlPeer.Run("make_smm_subset.py", Path.Combine(InterpretMlPeer.DataDirectory, "smm_cohort.csv"), smm, "2500", "100", "5");
        Smm = Make("smm", smm, "smm", 2400, "--pairs", "delivery_mode:bmi,insurance:hemoglobin_g_dl,maternal_age:platelets,race_ethnicity:delivery_mode");
    }

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "clinicalgam-interpretml-" + Guid.NewGuid().ToString("N")[..8]);
    public Fit Pima { get; }
    public Fit Smm { get; }

    public Fit this[string name] => name == "pima" ? Pima : Smm;

    private Fit Make(string name, string data, string outcome, int trainingRows, params string[] options)
    {
        string dir = Path.Combine(WorkDirectory, name);
        InterpretMlPeer.Run("interpretml_fit.py", [data, outcome, dir, "--train-rows", trainingRows.ToString(), "--bags", "3", "--seed", "1", .. options]);
        string model = Path.Combine(dir, "model.json");
        return new Fit(name, data, outcome, trainingRows, model, InterpretMlPeer.ReadProbabilities(Path.Combine(dir, "proba.csv")));
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkDirectory, recursive: true); } catch (IOException) { }
    }
}
