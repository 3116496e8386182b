using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Web.Tests.Services;

/// <summary>The web store over a real (temporary) SQLite file: derived features and saved specifications round-trip.</summary>
public sealed class SqliteWorkbenchStoreTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"web2-store-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = default!;
    private IWorkbenchStore _store = default!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddClinicalGamStorage($"Data Source={_path}");
        services.AddSingleton<IWorkbenchStore, SqliteWorkbenchStore>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        _store = _services.GetRequiredService<IWorkbenchStore>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) if (File.Exists(f)) File.Delete(f);
    }

    [Fact]
    public async Task Derived_features_are_stored_in_order_refused_when_the_name_is_a_column_and_deleted()
    {
        int id = await _store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        await _store.AddDerivedFeatureAsync(id, "hb2", "hemoglobin_g_dl * 2");
        await _store.AddDerivedFeatureAsync(id, "hb4", "hb2 * 2");
        await Assert.ThrowsAsync<ArgumentException>(() => _store.AddDerivedFeatureAsync(id, "smm", "1"));

        Assert.Equal(["hb2=hemoglobin_g_dl * 2", "hb4=hb2 * 2"], (await _store.ListDerivedFeaturesAsync(id)).Select(d => d.ToString()));
        var table = Modeling.ApplyDerived(await _store.LoadCohortAsync(id), await _store.ListDerivedFeaturesAsync(id));
        Assert.Equal(44.8, ((Core.Data.NumericColumn)table["hb4"])[0], 9);

        Assert.True(await _store.DeleteDerivedFeatureAsync(id, "hb2"));
        var skipped = new List<string>();
        Modeling.ApplyDerived(await _store.LoadCohortAsync(id), await _store.ListDerivedFeaturesAsync(id), skipped);
        Assert.Equal(["hb4"], skipped); // its input is gone: skipped, not a broken cohort
    }

    [Fact]
    public async Task A_saved_specification_round_trips_with_its_monotone_constraints()
    {
        int id = await _store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var spec = new ModelSpecification
        {
            Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"], Engine = "ebm", Seed = 5, Bags = 2,
            Monotone = new Dictionary<string, int> { ["hemoglobin_g_dl"] = -1 },
        };

        await _store.SaveSpecAsync("spec", spec, id);

        var saved = Assert.Single(await _store.ListSpecsAsync());
        Assert.Equal("spec", saved.Name);
        Assert.Equal(id, saved.CohortId);
        Assert.Equal(spec.Features, saved.Specification.Features);
        Assert.Equal(-1, saved.Specification.Monotone["hemoglobin_g_dl"]);
        Assert.Equal(2, saved.Specification.Bags);
    }

    [Fact]
    public async Task A_stored_flag_check_keeps_the_period_curves_of_a_temporal_flag()
    {
        int cohort = await _store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]);
        int id = await _store.SaveModelAsync(cohort, "m", model,
            new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics());
        await _store.SaveFlagsAsync(id, [FlagView.From(Models.TemporalFlagTests.PlateletDrift())]);

        var back = Assert.Single((await _store.LatestFlagsAsync(id))!.Flags);
        Assert.True(back.HasPeriods);
        Assert.Equal(["2012-2017", "2018-2023"], back.Detail!.Periods!.Select(p => p.Label));
        Assert.Equal([0.8, 0.3, 0.0, -0.1], back.Detail.Periods![0].Score);
    }

    [Fact]
    public async Task A_stored_check_keeps_its_not_testable_places_and_the_new_flag_fields()
    {
        int cohort = await _store.SaveCohortAsync(TestModels.SmallCohort(), "small", "test");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]);
        int id = await _store.SaveModelAsync(cohort, "m", model,
            new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics());
        var flag = Models.TemporalFlagTests.RangeDrift();
        var untested = new ClinicalGAM.Core.Diagnostics.Goodhart.NotTestable("ratio", "threshold", 1.5, 1.9, 4,
            "near-separation: the outcome is almost fully determined by the value in this window");

        await _store.SaveFlagsAsync(id, [FlagView.From(flag)], [untested]);

        var check = (await _store.LatestFlagsAsync(id))!;
        Assert.Equal(untested, Assert.Single(check.NotTestable));
        var back = Assert.Single(check.Flags).Detail!;
        Assert.Equal(flag.Action, back.Action);
        Assert.Equal(flag.Advice, back.Advice);
        Assert.Equal(flag.RiskDifference, back.RiskDifference, 9);
        Assert.Equal((flag.RangeLow, flag.RangeHigh), (back.RangeLow, back.RangeHigh));
    }

    [Fact]
    public async Task An_external_validation_round_trips_with_its_calibration_bins()
    {
        int development = await _store.SaveCohortAsync(TestModels.SmallCohort(), "development", "test");
        int external = await _store.SaveCohortAsync(TestModels.Cohort200(), "hospital B", "test");
        var model = new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, -2,
            [TestModels.Haemoglobin(), TestModels.DeliveryMode()]);
        int id = await _store.SaveModelAsync(development, "m", model,
            new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl", "delivery_mode"] }, new ModelMetrics());
        var result = Core.Diagnostics.Validation.ExternalValidation.Evaluate(model, TestModels.Cohort200());

        var saved = await _store.SaveValidationAsync(id, external, result);

        var back = Assert.Single(await _store.ListValidationsAsync(id));
        Assert.Equal(saved.Id, back.Id);
        Assert.Equal(("hospital B", 200, result.Events), (back.CohortName, back.Rows, back.Events));
        Assert.Equal(result.Auc.Auc, back.Auc, 12);
        Assert.Equal(result.Auc.Lower, back.AucLow, 12);
        Assert.Equal(result.Calibration.Slope, back.CalibrationSlope, 12);
        Assert.Equal(result.Calibration.Bins, back.CalibrationBins);
        Assert.Empty(await _store.ListValidationsAsync(id + 1));
    }
}
