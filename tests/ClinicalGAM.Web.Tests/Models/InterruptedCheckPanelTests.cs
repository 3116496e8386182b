using Bunit;
using ClinicalGAM.Core.Modeling;
using ClinicalGAM.Storage;
using ClinicalGAM.Web.Components.Pages.Models;
using ClinicalGAM.Web.Services;

namespace ClinicalGAM.Web.Tests.Models;

/// <summary>The Goodhart panel after a restart: an interrupted check is named with its start and can be run again.</summary>
public sealed class InterruptedCheckPanelTests : WebTestContext
{
    private static readonly DateTimeOffset Started = new(2026, 12, 4, 9, 41, 0, TimeSpan.Zero);

    private static ModelEntry Entry(int id = 7) => new(id, 1, "m",
        new GamModel(new ModelInfo { Engine = "ebm", Outcome = "smm" }, -2, [TestModels.Haemoglobin()]),
        new ModelSpecification { Outcome = "smm", Features = ["hemoglobin_g_dl"] }, new ModelMetrics(), DateTimeOffset.UtcNow);

    private void Interrupted(int modelId = 7, int id = 1) =>
        Store.Checks[id] = new CheckRunEntry(id, modelId, CheckRunStatus.Interrupted, "ann", Started, Started.AddMinutes(2), "server stopped");

    [Fact]
    public void An_interrupted_check_is_shown_with_its_start_and_re_running_it_records_a_new_check()
    {
        Interrupted();
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()));

        var notice = panel.WaitForElement("#check-interrupted");
        Assert.Contains("started at 2026-12-04 09:41 UTC by ann was interrupted (server stopped)", notice.TextContent);

        panel.Find("#rerun-check").Click();
        // The re-run is recorded as a new check (here it fails: the fake has no cohort 1), and the notice goes.
        panel.WaitForAssertion(() => Assert.Contains(Store.Checks.Values, c => c.Id != 1 && c.ModelId == 7 && c.Status == CheckRunStatus.Failed));
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("#check-interrupted")));
        Assert.Equal(CheckRunStatus.Interrupted, Store.Checks[1].Status); // history is not rewritten
    }

    [Fact]
    public void Flags_saved_after_the_interrupted_start_mean_there_is_nothing_to_re_run()
    {
        Interrupted();
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()).Add(c => c.Check, new FlagCheck(Started.AddMinutes(5), [])));
        panel.WaitForElement("#no-flags");
        Assert.Empty(panel.FindAll("#check-interrupted"));
    }

    [Fact]
    public void A_finished_check_or_another_models_interrupted_one_shows_no_notice()
    {
        Interrupted(modelId: 8);
        Store.Checks[2] = new CheckRunEntry(2, 7, CheckRunStatus.Finished, "ann", Started, Started.AddMinutes(1), "0 flags, 0 not testable");
        var panel = Ctx.Render<FlagsPanel>(p => p.Add(c => c.Entry, Entry()));
        panel.WaitForElement("#flags-button");
        Assert.Empty(panel.FindAll("#check-interrupted"));
    }

    [Fact]
    public void The_notice_rule_older_flags_do_not_hide_an_interrupted_check_and_a_live_run_does()
    {
        var interrupted = new CheckRunEntry(1, 7, CheckRunStatus.Interrupted, "ann", Started, null, null);
        Assert.NotNull(InterruptedCheckNotice.For(interrupted, null, new FlagCheck(Started.AddDays(-1), [])));
        Assert.Null(InterruptedCheckNotice.For(interrupted, new FlagRun { ModelId = 7 }, null));
        Assert.Null(InterruptedCheckNotice.For(interrupted with { Status = CheckRunStatus.Failed }, null, null));
        Assert.Null(InterruptedCheckNotice.For(null, null, null));
    }
}
