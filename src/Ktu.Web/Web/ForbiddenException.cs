using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Web;

public sealed class ForbiddenException(string message) : Exception(message)
{
    public ForbiddenException()
        : this(Texts.Problem_Forbidden)
    {
    }
}
