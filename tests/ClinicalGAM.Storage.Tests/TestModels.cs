namespace ClinicalGAM.Storage.Tests;

public static class TestModels
{
    public static NewModel New(int cohortId, string name, string json = """{"format":1}""") => new()
    {
        CohortId = cohortId,
        Name = name,
        Engine = "ebm",
        Outcome = "smm",
        ModelJson = json,
        MetricsJson = """{"auc":0.81}""",
        SpecJson = """{"outcome":"smm"}""",
        SplitSeed = 20261125,
        TestRowsDescription = "stratified 20% holdout",
        FitSeconds = 12.5,
    };
}
