using System.Diagnostics;
using System.Globalization;

namespace ClinicalGAM.Core.Tests.Serialization.InterpretMl;

/// <summary>
/// Runs InterpretML itself (the peer under ../shared/peers/interpret-core, with Debian's python3, scikit-learn and
/// pandas) on the scripts in python/. When any of these is missing the tests FAIL with a message saying what to
/// install: they are the evidence that our import and export agree with InterpretML, so they are never skipped.
/// </summary>
public static class InterpretMlPeer
{
    public const string Python = "/usr/bin/python3";

    public static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "InterpretMl", "python");
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "InterpretMl", "data");

    /// <summary>
    /// The peer's folder: CLINICALGAM_INTERPRETML_PATH; else shared/peers/interpret-core beside the repository (the
    /// checkout at /work/main or a CI clone beside its shared/); else the machine's /work/shared (a clone made
    /// elsewhere, e.g. /tmp/x). The first that holds the package; the first candidate is named when none does.
    /// </summary>
    public static string PeerDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CLINICALGAM_INTERPRETML_PATH");
            if (!string.IsNullOrEmpty(configured)) return configured;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClinicalGAM.sln"))) dir = dir.Parent;
            string[] candidates =
            [
                Path.GetFullPath(Path.Combine(dir?.FullName ?? "/work/main", "..", "shared", "peers", "interpret-core")),
                "/work/shared/peers/interpret-core",
            ];
            return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "interpret"))) ?? candidates[0];
        }
    }

    /// <summary>Fails with what to install when python3, scikit-learn, pandas or the peer are missing.</summary>
    public static void EnsureAvailable()
    {
        const string install = "InterpretML interoperability tests need Debian's python3 with python3-sklearn and python3-pandas " +
                               "(sudo apt-get install -y python3-sklearn python3-pandas; test.sh installs them) and InterpretML at ";
        if (!File.Exists(Python)) throw new InvalidOperationException($"{install}{PeerDirectory}: {Python} does not exist.");
        if (!Directory.Exists(Path.Combine(PeerDirectory, "interpret")))
            throw new InvalidOperationException($"{install}{PeerDirectory}: that folder has no 'interpret' package (set CLINICALGAM_INTERPRETML_PATH).");
        var (code, output) = Execute(["-c", "import sklearn, pandas, interpret.glassbox"]);
        if (code != 0) throw new InvalidOperationException($"{install}{PeerDirectory}: importing them failed:\n{output}");
    }

    /// <summary>Runs a script from python/ and returns its standard output; a failure throws with its output.</summary>
    public static string Run(string script, params string[] args)
    {
        var (code, output) = Execute([Path.Combine(ScriptsDirectory, script), .. args]);
        if (code != 0) throw new InvalidOperationException($"{script} failed (exit {code}):\n{output}");
        return output;
    }

    /// <summary>One probability per line, as the scripts write them (Python's round-trip repr).</summary>
    public static double[] ReadProbabilities(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    private static (int Code, string Output) Execute(string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PYTHONPATH"] = PeerDirectory;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1"; // the peer's folder is read-only
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 3 minutes\n" + stdout + stderr.Result);
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
