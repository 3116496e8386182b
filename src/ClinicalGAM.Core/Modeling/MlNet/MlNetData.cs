using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>One row as ML.NET sees it. Public because ML.NET's reflection-based loader needs public members.</summary>
public sealed class MlNetRow
{
    public bool Label { get; set; }
    public float Target { get; set; }
    public float Weight { get; set; }
    public float[] Features { get; set; } = [];
}

internal static class MlNetData
{
    public static IDataView Load(MLContext ml, float[][] features, int slotCount, float[]? labels = null, float[]? weights = null)
    {
        var rows = new MlNetRow[features.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            float y = labels?[i] ?? 0f;
            rows[i] = new MlNetRow { Label = y == 1f, Target = y, Weight = weights?[i] ?? 1f, Features = features[i] };
        }
        var schema = SchemaDefinition.Create(typeof(MlNetRow));
        schema[nameof(MlNetRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, slotCount);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
