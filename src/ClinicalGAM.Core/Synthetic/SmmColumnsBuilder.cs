using ClinicalGAM.Core.Data;

namespace ClinicalGAM.Core.Synthetic;

/// <summary>
/// Turns latent patients into the recorded columns: masks values the way charts lose them (a few percent at random,
/// creatinine mostly when no hypertensive disease, ferritin unless the patient looked anaemic or sick).
/// </summary>
internal sealed class SmmColumnsBuilder(int rows)
{
    private readonly string[] _ids = new string[rows];
    private readonly double[] _year = new double[rows], _age = new double[rows], _height = new double[rows],
        _bmi = new double[rows], _parity = new double[rows], _priorCesarean = new double[rows], _previa = new double[rows],
        _preeclampsia = new double[rows], _ga = new double[rows], _weight = new double[rows], _ratio = new double[rows],
        _sbp = new double[rows], _hb = new double[rows], _transfused = new double[rows], _platelets = new double[rows],
        _creatinine = new double[rows], _glucose = new double[rows], _ferritin = new double[rows], _quintile = new double[rows],
        _smm = new double[rows];
    private readonly string[] _mode = new string[rows], _insurance = new string[rows], _race = new string[rows];

    public void Add(int i, in SmmPatient p, bool smm, SeededRandom r)
    {
        _ids[i] = $"SMM{i + 1:D7}";
        _year[i] = p.DeliveryYear;
        _age[i] = p.MaternalAge;
        bool heightMissing = r.NextBool(0.015);
        _height[i] = heightMissing ? double.NaN : p.MaternalHeightCm;
        _ratio[i] = heightMissing ? double.NaN : p.BabyHeightRatio;
        _bmi[i] = r.NextBool(0.04) ? double.NaN : p.Bmi;
        _parity[i] = p.Parity;
        _priorCesarean[i] = p.PriorCesarean ? 1 : 0;
        _previa[i] = p.PlacentaPrevia ? 1 : 0;
        _preeclampsia[i] = p.Preeclampsia ? 1 : 0;
        _ga[i] = p.GestationalAgeWk;
        _weight[i] = p.BabyWeightG;
        _sbp[i] = r.NextBool(0.005) ? double.NaN : p.SystolicBp;
        _hb[i] = r.NextBool(0.01) ? double.NaN : p.HemoglobinGDl;
        _transfused[i] = p.Transfused ? 1 : 0;
        _platelets[i] = r.NextBool(0.02) ? double.NaN : p.Platelets;
        bool hypertensive = p.Preeclampsia || p.SystolicBp >= 140;
        _creatinine[i] = r.NextBool(hypertensive ? 0.02 : 0.20) ? double.NaN : p.Creatinine;
        _glucose[i] = r.NextBool(0.06) ? double.NaN : p.GlucoseMgDl;
        double ordered = Math.Min(0.95, 0.08 + (p.HemoglobinGDl < 10 ? 0.6 : 0) + (p.Preeclampsia ? 0.25 : 0) + (p.PlacentaPrevia ? 0.3 : 0));
        _ferritin[i] = r.NextBool(ordered) ? p.Ferritin : double.NaN;
        _mode[i] = p.DeliveryMode;
        _insurance[i] = p.Insurance;
        _race[i] = p.RaceEthnicity;
        _quintile[i] = p.ZipIncomeQuintile;
        _smm[i] = smm ? 1 : 0;
    }

    public CohortTable Build() => new(
    [
        new CategoricalColumn(SmmGroundTruth.IdColumn, Enumerable.Range(0, _ids.Length).ToArray(), _ids, ColumnKind.Identifier),
        new NumericColumn(SmmGroundTruth.TimeColumn, _year, ColumnKind.Date),
        new NumericColumn("maternal_age", _age),
        new NumericColumn("maternal_height_cm", _height),
        new NumericColumn("bmi", _bmi),
        new NumericColumn("parity", _parity),
        new NumericColumn("prior_cesarean", _priorCesarean, ColumnKind.Binary),
        new NumericColumn("placenta_previa", _previa, ColumnKind.Binary),
        new NumericColumn("preeclampsia", _preeclampsia, ColumnKind.Binary),
        new NumericColumn("gestational_age_wk", _ga),
        new NumericColumn("baby_weight_g", _weight),
        new NumericColumn(SmmGroundTruth.StrongestDriver, _ratio),
        new NumericColumn("systolic_bp", _sbp),
        new NumericColumn("hemoglobin_g_dl", _hb),
        new NumericColumn(SmmGroundTruth.TreatmentColumn, _transfused, ColumnKind.Binary),
        new NumericColumn("platelets", _platelets),
        new NumericColumn("creatinine", _creatinine),
        new NumericColumn("glucose_mg_dl", _glucose),
        new NumericColumn(SmmGroundTruth.InformativeMissingColumn, _ferritin),
        Categorical("delivery_mode", _mode),
        Categorical("insurance", _insurance),
        Categorical(SmmGroundTruth.SensitiveAttribute, _race),
        new NumericColumn(SmmGroundTruth.SensitiveProxy, _quintile),
        new NumericColumn(SmmGroundTruth.Outcome, _smm, ColumnKind.Binary),
    ]);

    private static CategoricalColumn Categorical(string name, string[] values)
    {
        var levels = values.Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = levels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k);
        return new CategoricalColumn(name, values.Select(v => index[v]).ToArray(), levels);
    }
}
