namespace Ktu.Web.Domain.Rules;

/// <summary>Applications are accepted up to and including the deadline instant.</summary>
public static class Deadline
{
    public static DateTimeOffset For(SchemeYear scheme, Pot? pot) => pot?.ApplicationDeadline ?? scheme.ApplicationDeadline;

    public static bool IsOpen(SchemeYear scheme, Pot? pot, DateTimeOffset now) => now <= For(scheme, pot);

    public static bool IsOpen(SchemeYear scheme, DateTimeOffset now) => now <= scheme.ApplicationDeadline;
}
