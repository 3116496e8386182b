using ClinicalGAM.Cli.Support;
using ClinicalGAM.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalGAM.Cli.Commands;

/// <summary>
/// Team-mode accounts, managed on the server's machine against the app's database (there is no seeded account and no
/// default password). Passwords are read from stdin (one line), never from the command line, so they stay out of the
/// shell history and the process list.
/// </summary>
public abstract class AdminCommand(TextReader? stdin) : CliCommand
{
    protected static VerbOption Db => VerbOption.Value("--db", "PATH", "The app's SQLite database (e.g. data/clinicalgam.db); migrated first.");
    protected static VerbOption Email => VerbOption.Value("--email", "E", "The account's e-mail address (its sign-in name).");

    /// <summary>Who the audit log names for changes made here.</summary>
    protected static string Who => $"command line ('{Environment.UserName}')";
    protected const string From = "this machine";

    /// <summary>The account store over the database at --db, brought up to date first.</summary>
    protected static ServiceProvider Open(CliArguments a)
    {
        string path = Path.GetFullPath(a.Required("--db"));
        var services = new ServiceCollection()
            .AddClinicalGamStorage(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        services.AddClinicalGamAccounts();
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CliCancellation.Token).GetAwaiter().GetResult();
        return provider;
    }

    /// <summary>The first line of stdin; on a terminal, typed without echo after a prompt on stderr.</summary>
    protected string ReadPassword(TextWriter stderr)
    {
        if (stdin is null && !Console.IsInputRedirected)
        {
            stderr.Write("Password (at least 12 characters, upper and lower case, a digit and a symbol): ");
            var typed = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
                if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
                else typed.Append(key.KeyChar);
            stderr.WriteLine();
            return typed.ToString();
        }
        return (stdin ?? Console.In).ReadLine() ?? throw new CliUsageException("give the password on stdin (one line).");
    }

    protected static int Report(AccountResult result, string done, TextWriter stdout, TextWriter stderr)
    {
        if (result.Succeeded)
        {
            stdout.WriteLine(done);
            return CliApp.Ok;
        }
        foreach (var error in result.Errors) stderr.WriteLine($"error: {error}");
        return CliApp.Failed;
    }
}

public sealed class AdminCreateUserCommand(TextReader? stdin = null) : AdminCommand(stdin)
{
    public override string Name => "admin create-user";
    public override string Usage => "admin create-user --db PATH --email E [--site-admin]  (password on stdin)";
    public override string Summary => "Creates an account (team mode); the password is read from stdin. The first one should be a site administrator.";
    public override string Example => "clinicalgam admin create-user --db data/clinicalgam.db --email lead@hospital.example --site-admin";
    public override IReadOnlyList<VerbOption> Options =>
        [Db, Email, VerbOption.Switch("--site-admin", "Manages accounts, and owns the default project (the data saved before accounts).")];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string email = a.Required("--email");
        bool admin = a.Has("--site-admin");
        using var services = Open(a);
        string password = ReadPassword(stderr);
        var result = services.GetRequiredService<AccountStore>().CreateUserAsync(email, password, admin, Who, From, CliCancellation.Token).GetAwaiter().GetResult();
        return Report(result, $"Created {(admin ? "site administrator" : "account")} {email.Trim()}.", stdout, stderr);
    }
}

public sealed class AdminResetPasswordCommand(TextReader? stdin = null) : AdminCommand(stdin)
{
    public override string Name => "admin reset-password";
    public override string Usage => "admin reset-password --db PATH --email E  (new password on stdin; lifts a lockout)";
    public override string Summary => "Replaces an account's password (read from stdin) and lifts its lockout.";
    public override string Example => "clinicalgam admin reset-password --db data/clinicalgam.db --email lead@hospital.example";
    public override IReadOnlyList<VerbOption> Options => [Db, Email];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        string email = a.Required("--email");
        using var services = Open(a);
        string password = ReadPassword(stderr);
        var result = services.GetRequiredService<AccountStore>().ResetPasswordAsync(email, password, Who, From, CliCancellation.Token).GetAwaiter().GetResult();
        return Report(result, $"New password set for {email.Trim()}.", stdout, stderr);
    }
}

public sealed class AdminListUsersCommand : AdminCommand
{
    public AdminListUsersCommand() : base(null) { }
    public override string Name => "admin list-users";
    public override string Usage => "admin list-users --db PATH";
    public override string Summary => "Lists the accounts: e-mail, site administrator or not, locked or not.";
    public override string Example => "clinicalgam admin list-users --db data/clinicalgam.db";
    public override IReadOnlyList<VerbOption> Options => [Db];

    protected internal override int Execute(CliArguments a, TextWriter stdout, TextWriter stderr)
    {
        using var services = Open(a);
        var accounts = services.GetRequiredService<AccountStore>().ListAsync(CliCancellation.Token).GetAwaiter().GetResult();
        if (accounts.Count == 0) stdout.WriteLine("No accounts yet: create the first with 'clinicalgam admin create-user ... --site-admin'.");
        foreach (var u in accounts)
            stdout.WriteLine($"{u.Email,-40} {(u.IsSiteAdmin ? "site admin" : "member"),-10} {(u.LockedUntil is { } t ? $"locked until {t:yyyy-MM-dd HH:mm} UTC" : "active")}");
        return CliApp.Ok;
    }
}
