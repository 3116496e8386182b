using System.Reflection;
using Microsoft.ML;

namespace ClinicalGAM.Core.Modeling.MlNet;

/// <summary>
/// ML.NET 5's trainers cannot be interrupted from outside: the context's cancel hook (the internal ICancelable) is
/// not checked inside the GAM's boosting loop (measured: a 50,000-iteration fit ran to the end after cancellation).
/// So a fit runs on its own thread and the caller waits on the token: cancelling releases the caller at once and
/// signals ML.NET, while the abandoned computation may run on in the background until its iterations end.
/// </summary>
internal static class MlNetCancellation
{
    private static readonly MethodInfo? CancelMethod = typeof(MLContext).GetInterfaces()
        .FirstOrDefault(i => i.Name == "ICancelable")?.GetMethod("CancelExecution");

    public static void Cancel(MLContext context) => CancelMethod?.Invoke(context, null);

    public static T Run<T>(MLContext context, Func<T> fit, CancellationToken cancellationToken, string what)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var task = Task.Factory.StartNew(fit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            task.Wait(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancel(context);
            // Observe the abandoned fit's eventual failure so it is not reported as unobserved.
            task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw new OperationCanceledException($"The {what} fit was cancelled.", cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
        }
        return task.Result;
    }
}
