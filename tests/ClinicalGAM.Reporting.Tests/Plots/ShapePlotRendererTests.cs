using System.Xml.Linq;
using ClinicalGAM.Reporting.Plots;

namespace ClinicalGAM.Reporting.Tests.Plots;

public class ShapePlotRendererTests
{
    private readonly ShapePlotRenderer _renderer = new();

    [Fact]
    public void Dump()
    {
        var model = TestModels.Model("<script>alert(1)</script>");
        foreach (var t in model.Terms)
            File.WriteAllText($"/tmp/report-{t.Name.Replace(' ', '_').Replace('/', '_')}.svg", _renderer.Term(t).Text);
        File.WriteAllBytes("/tmp/report-hb.png", _renderer.Term(model.Terms[0], PlotFormat.Png).Bytes);
    }
}
