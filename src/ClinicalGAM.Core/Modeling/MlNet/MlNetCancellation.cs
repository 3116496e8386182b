using System.Reflection;
using Microsoft.ML;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// ML.NET stops a running fit when its context is cancelled, but the interface that does it (ICancelable) is internal
/// in ML.NET 5. We call it through reflection; if a future ML.NET removes it, cancellation falls back to the checks we
/// make before and after the fit.
/// </summary>
internal static class MlNetCancellation
{
    private static readonly MethodInfo? CancelMethod = typeof(MLContext).GetInterfaces()
        .FirstOrDefault(i => i.Name == "ICancelable")?.GetMethod("CancelExecution");

    public static bool IsSupported => CancelMethod is not null;

    public static void Cancel(MLContext context) => CancelMethod?.Invoke(context, null);
}
