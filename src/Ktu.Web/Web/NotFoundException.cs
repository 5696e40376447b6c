using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Web;

/// <summary>The thing does not exist, or the caller may not know that it exists.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public NotFoundException()
        : this(Texts.Problem_NotFound)
    {
    }
}
