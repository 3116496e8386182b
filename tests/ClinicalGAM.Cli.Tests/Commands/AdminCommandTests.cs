using ClinicalGAM.Cli.Commands;

namespace ClinicalGAM.Cli.Tests.Commands;

/// <summary>`clinicalgam admin ...`: the first administrator is made here, with the password from stdin and the rules enforced.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private const string Strong = "Correct-Horse-42-battery";
    private readonly CliHarness _cli = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    private string Db => _cli.PathOf("data/clinicalgam.db");

    [Fact]
    public void A_site_administrator_is_created_from_stdin_and_listed()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Db)!);
        var created = CliHarness.Run(new AdminCreateUserCommand(new StringReader(Strong + "\n")), "--db", Db, "--email", "lead@hospital.example", "--site-admin");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Created site administrator lead@hospital.example", created.Stdout);

        var listed = CliHarness.Run(new AdminListUsersCommand(), "--db", Db);
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"lead@hospital\.example\s+site admin\s+active", listed.Stdout);

        // One account per e-mail.
        var again = CliHarness.Run(new AdminCreateUserCommand(new StringReader(Strong + "\n")), "--db", Db, "--email", "lead@hospital.example");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error:", again.Stderr);
    }

    [Theory]
    [InlineData("short-A1!", "at least 12 characters")]
    [InlineData("alllowercase-letters-1", "uppercase")]
    [InlineData("NoDigitsHere-at-all", "digit")]
    [InlineData("NoSymbols1234abcd", "non alphanumeric")]
    public void A_weak_password_is_refused_with_the_rule_it_breaks(string password, string rule)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Db)!);
        var result = CliHarness.Run(new AdminCreateUserCommand(new StringReader(password + "\n")), "--db", Db, "--email", "a@b.example");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(rule, result.Stderr);
        Assert.Contains("No accounts yet", CliHarness.Run(new AdminListUsersCommand(), "--db", Db).Stdout);
    }

    [Fact]
    public void Reset_password_refuses_unknown_accounts_and_weak_passwords()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Db)!);
        Assert.Equal(0, CliHarness.Run(new AdminCreateUserCommand(new StringReader(Strong + "\n")), "--db", Db, "--email", "x@y.example").ExitCode);
        Assert.Equal(1, CliHarness.Run(new AdminResetPasswordCommand(new StringReader(Strong + "\n")), "--db", Db, "--email", "nobody@y.example").ExitCode);
        Assert.Equal(1, CliHarness.Run(new AdminResetPasswordCommand(new StringReader("weak\n")), "--db", Db, "--email", "x@y.example").ExitCode);
        var reset = CliHarness.Run(new AdminResetPasswordCommand(new StringReader("Another-strong-pass-7\n")), "--db", Db, "--email", "x@y.example");
        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("New password set for x@y.example", reset.Stdout);
    }
}
