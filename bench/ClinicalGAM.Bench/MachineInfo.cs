using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClinicalGAM.Bench;

/// <summary>
/// The CPU a benchmark ran on and the vector paths .NET uses there: the model name and vector flags from
/// /proc/cpuinfo (what the hardware has) beside what the runtime enables (DOTNET_EnableAVX512F=0 or
/// DOTNET_EnableAVX2=0 switch paths off), so every figure says which path produced it.
/// </summary>
internal static class MachineInfo
{
    private static readonly string[] VectorFlags = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "asimd"];

    /// <summary>The 1, 5 and 15-minute load averages (Linux), or "n/a": what else was running beside a measurement.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Cpu()
    {
        string model = "unknown CPU";
        var flags = new HashSet<string>();
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                var parts = line.Split(':', 2);
                if (parts.Length < 2) continue;
                string key = parts[0].Trim();
                if (key == "model name" && model == "unknown CPU") model = parts[1].Trim();
                if (key is "flags" or "Features") foreach (var f in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)) flags.Add(f);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        var present = VectorFlags.Where(flags.Contains).ToArray();
        return $"{model}, {Environment.ProcessorCount} cores; CPU vector flags: {(present.Length == 0 ? "none read" : string.Join(" ", present))}";
    }

    public static string Runtime()
    {
        string Switch(string name) => Environment.GetEnvironmentVariable(name) is { } v ? $" {name}={v}" : "";
        return $".NET {Environment.Version}: Avx2 {On(Avx2.IsSupported)}, Avx512F {On(Avx512F.IsSupported)}, " +
               $"Vector128 {On(Vector128.IsHardwareAccelerated)}, Vector256 {On(Vector256.IsHardwareAccelerated)}, " +
               $"Vector512 {On(Vector512.IsHardwareAccelerated)}" +
               Switch("DOTNET_EnableAVX512F") + Switch("DOTNET_EnableAVX512") + Switch("DOTNET_EnableAVX2");
    }

    /// <summary>Short label of the widest vector path in use, for tables.</summary>
    public static string VectorPath() =>
        Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "AVX2 (Vector256)" :
        Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";

    private static string On(bool b) => b ? "on" : "off";
}
