namespace ClinicalGAM.Web.Services;

/// <summary>
/// A fit refused because its starter already has the most fits allowed running or waiting. An ArgumentException, so
/// the fit forms show its sentence as they show their other refusals.
/// </summary>
public sealed class FitLimitReachedException(string message) : ArgumentException(message);
