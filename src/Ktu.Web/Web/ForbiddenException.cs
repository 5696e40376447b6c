using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Web;

public sealed class ForbiddenException(string message = "Du har ikke tilgang til dette.") : Exception(message);
