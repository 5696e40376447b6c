using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Web;

/// <summary>An illegal state change: submit twice, edit after the deadline, approve your own assessment.</summary>
public sealed class RuleViolationException(string message, string code = "rule-violation") : Exception(message)
{
    public string Code { get; } = code;
}
