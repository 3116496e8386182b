using ClinicalGAM.Core.Data;
using ClinicalGAM.Core.Export;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Core.Modeling.MlNet;
using ClinicalGAM.Core.Tests.MlNet;
using ClinicalGAM.Core.Tests.Operations;
using Microsoft.Data.Sqlite;

namespace ClinicalGAM.Core.Tests.Export;

public class ScoringSqlTests
{
    [Fact]
    public void SqlReproducesAFittedModelInSqlite()
    {
        var cohort = SmallCohort.Create(rows: 400);
        var model = new MlNetGamTrainer(new MlNetGamOptions { Iterations = 200, LearningRate = 0.02 })
            .Fit(cohort, new ModelSpecification { Outcome = "smm", Features = SmallCohort.Features }, SmallCohort.TrainingRows(cohort));
        AssertSqlMatchesModel(model, cohort);
    }

    [Fact]
    public void SqlHandlesPairsMissingValuesUnseenLevelsAndQuotes()
    {
        // The hand model has a pair term; the patients include a missing age, a missing mode and an unseen mode
        // whose label contains a quote.
        AssertSqlMatchesModel(HandModel.Create(), HandModel.Patients());
    }

    [Fact]
    public void ValuesOnTheCutLandInTheUpperBin()
    {
        // Age exactly 25 and 35 (the cuts) must score like the bin that starts there, as in FeatureBinning.
        var patients = new CohortTable(
        [
            new NumericColumn("age", [25, 35, 24.999999]),
            new CategoricalColumn("mode", [0, 0, 0], ["vaginal"]),
        ]);
        AssertSqlMatchesModel(HandModel.Create(), patients);
    }

    [Fact]
    public void EqualAdjacentBinsShareABranch()
    {
        var binning = new FeatureBinning { Feature = "hb", Kind = BinningKind.Continuous, Cuts = [7, 8, 9, 10] };
        var term = new GamTerm("hb", [binning], [0, 0.5, 0.5, 0.5, -0.25, -0.25], new double[6], [1, 1, 1, 1, 1, 1]);
        var sql = ScoringSql.Generate(new GamModel(new ModelInfo { Outcome = "smm" }, -1, [term]), "cohort");
        Assert.Contains("WHEN t.\"hb\" < 9.0 THEN 0.5 ELSE -0.25 END", sql);
        Assert.DoesNotContain("< 10.0", sql);
        Assert.DoesNotContain("< 7.0", sql);
    }

    private static void AssertSqlMatchesModel(GamModel model, CohortTable cohort)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        CreateTable(connection, cohort, "delivery cohort");
        using var command = connection.CreateCommand();
        command.CommandText = ScoringSql.Generate(model, "delivery cohort") + " ";
        command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + " ORDER BY row_id;";
        using var reader = command.ExecuteReader();

        var risk = model.Predict(cohort);
        var contributions = model.Contributions(cohort);
        int row = 0;
        while (reader.Read())
        {
            Assert.Equal(row, reader.GetInt32(reader.GetOrdinal("row_id")));
            Assert.Equal(risk[row], reader.GetDouble(reader.GetOrdinal("risk")), 12);
            for (int t = 0; t < model.Terms.Count; t++)
                Assert.Equal(contributions[t][row], reader.GetDouble(reader.GetOrdinal("term:" + model.Terms[t].Name)));
            row++;
        }
        Assert.Equal(cohort.RowCount, row);
    }

    private static void CreateTable(SqliteConnection connection, CohortTable cohort, string table)
    {
        var columns = cohort.Columns.Select(c => $"\"{c.Name}\" {(c is NumericColumn ? "REAL" : "TEXT")}");
        Execute(connection, $"CREATE TABLE \"{table}\" (row_id INTEGER, {string.Join(", ", columns)})");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" VALUES (@row, {string.Join(", ", cohort.Columns.Select((_, i) => "@c" + i))})";
        for (int r = 0; r < cohort.RowCount; r++)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("@row", r);
            for (int i = 0; i < cohort.Columns.Count; i++)
            {
                object value = cohort.Columns[i] switch
                {
                    NumericColumn n when !double.IsNaN(n[r]) => n[r],
                    CategoricalColumn c when c.LevelOf(r) is { } level => level,
                    _ => DBNull.Value,
                };
                insert.Parameters.AddWithValue("@c" + i, value);
            }
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
