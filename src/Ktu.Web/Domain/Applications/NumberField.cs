namespace Ktu.Web.Domain.Applications;

public readonly record struct NumberField(string Path, long? Value, bool IsPersons);
