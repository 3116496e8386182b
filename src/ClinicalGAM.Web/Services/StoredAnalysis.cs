namespace ClinicalGAM.Web.Services;

/// <summary>
/// A finished analysis kept with its model (measurement value, fairness): the settings asked for (JSON, with the
/// seed), the full result (JSON), when it ran, who ran it and how long it took.
/// </summary>
public sealed record StoredAnalysis(string Kind, int Seed, string SettingsJson, string ResultJson, DateTimeOffset CreatedUtc, string Who, double Seconds);
