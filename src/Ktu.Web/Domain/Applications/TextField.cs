namespace Ktu.Web.Domain.Applications;

public readonly record struct TextField(string Path, string? Value, TextKind Kind);
