using Ktu.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Web;

/// <summary>Identity's password rules, told in Norwegian: the set-password and change-password pages show these words.</summary>
public sealed class NorwegianIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = Format.Text(Texts.Password_TooShort, length) };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = Texts.Password_RequiresDigit };

    public override IdentityError PasswordRequiresLower() =>
        new() { Code = nameof(PasswordRequiresLower), Description = Texts.Password_RequiresLower };

    public override IdentityError PasswordRequiresUpper() =>
        new() { Code = nameof(PasswordRequiresUpper), Description = Texts.Password_RequiresUpper };

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = Texts.Password_RequiresNonAlphanumeric };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = Format.Text(Texts.Password_RequiresUniqueChars, uniqueChars) };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = Texts.Password_Mismatch };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = Format.Text(Texts.User_DuplicateEmail, email) };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = Format.Text(Texts.User_DuplicateEmail, userName) };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = Texts.User_InvalidEmail };
}
