namespace ClinicalGAM.Web.Accounts;

/// <summary>
/// Single-user mode (the default): no sign-in, loopback only, everything in the default project, the OS user on the
/// audit log. Team mode (ClinicalGam:Accounts=true): accounts, projects and roles; required beyond loopback.
/// </summary>
public static class AccountsMode
{
    public const string Setting = "ClinicalGam:Accounts";

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(Setting, false);
}
