using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;

namespace Ktu.UnitTests.Domain;

public sealed class LockOutRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private static WrongPasswordsLockOutOnlyTheirOwnNetwork.Count After(int wrong, TimeSpan between)
    {
        var count = WrongPasswordsLockOutOnlyTheirOwnNetwork.Count.None;
        for (var i = 0; i < wrong; i++)
        {
            count = WrongPasswordsLockOutOnlyTheirOwnNetwork.AfterWrongPassword(count, Now + (between * i), 5, Lockout);
        }
        return count;
    }

    [Fact]
    public void The_fifth_wrong_password_in_a_row_locks_the_network_out_for_fifteen_minutes()
    {
        Assert.False(WrongPasswordsLockOutOnlyTheirOwnNetwork.IsLockedOut(After(4, TimeSpan.FromMinutes(1)), Now.AddMinutes(4)));
        var locked = After(5, TimeSpan.FromMinutes(1));
        Assert.True(WrongPasswordsLockOutOnlyTheirOwnNetwork.IsLockedOut(locked, Now.AddMinutes(4)));
        Assert.Equal(Now.AddMinutes(19), locked.LockedUntil);
        Assert.False(WrongPasswordsLockOutOnlyTheirOwnNetwork.IsLockedOut(locked, Now.AddMinutes(19)));
    }

    [Fact]
    public void Wrong_passwords_further_apart_than_the_lock_out_time_are_forgotten()
    {
        var count = After(5, TimeSpan.FromMinutes(16));
        Assert.Equal(1, count.Failures);
        Assert.Null(count.LockedUntil);
    }

    [Theory]
    [InlineData(Roles.Admin, null, "trondelag", true, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.Allowed)]
    [InlineData(Roles.Admin, null, null, true, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.Allowed)]
    [InlineData(Roles.Approver, "trondelag", "trondelag", false, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.Allowed)]
    [InlineData(Roles.Approver, "trondelag", "trondelag", true, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.OnlyTheAdministrator)]
    [InlineData(Roles.Approver, "trondelag", "innlandet", false, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound)]
    [InlineData(Roles.Approver, "trondelag", null, false, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound)]
    [InlineData(Roles.Approver, null, null, false, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound)]
    [InlineData(Roles.CaseOfficer, "trondelag", "trondelag", false, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound)]
    [InlineData(Roles.ApplicationAdmin, null, null, false, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound)]
    public void The_administrator_lifts_any_lock_and_a_leader_only_the_embetes_own_lock_outs_after_wrong_passwords(
        string role, string? granterEmbete, string? userEmbete, bool administratorsLock, LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer expected) =>
        Assert.Equal(expected, LeadersLiftOnlyLockOutsAfterWrongPasswords.Decide(new([role], null, granterEmbete), userEmbete, administratorsLock));

    [Fact]
    public void Only_a_lock_longer_than_a_lock_out_after_wrong_passwords_is_the_administrators()
    {
        Assert.True(LeadersLiftOnlyLockOutsAfterWrongPasswords.IsAdministratorsLock(DateTimeOffset.MaxValue, Now, Lockout));
        Assert.False(LeadersLiftOnlyLockOutsAfterWrongPasswords.IsAdministratorsLock(Now + Lockout, Now, Lockout));
        Assert.False(LeadersLiftOnlyLockOutsAfterWrongPasswords.IsAdministratorsLock(null, Now, Lockout));
    }
}
