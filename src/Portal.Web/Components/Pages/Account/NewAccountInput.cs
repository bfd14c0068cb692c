using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Components.Pages.Account;

/// <summary>The form for a new account (first admin, or a writer accepting an invitation).</summary>
public sealed class NewAccountInput
{
    [Required(ErrorMessage = "Choose a user name.")]
    [StringLength(64, MinimumLength = 2, ErrorMessage = "A user name has 2 to 64 characters.")]
    [RegularExpression(@"^[A-Za-z0-9\-._@+]+$", ErrorMessage = "Use letters, digits and - . _ @ + only.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, MinimumLength = 8, ErrorMessage = "A password has at least 8 characters.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>A refused form is sent back to the browser: never with the passwords in it.</summary>
    public void ForgetPasswords() => (Password, ConfirmPassword) = ("", "");
}
