using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace Ktu.Web.Web;

/// <summary>
/// Finding an endpoint's operation in the document and naming it: a stable, unique <c>operationId</c> per operation, from
/// the handler's class and method, for generated clients.
/// </summary>
internal static partial class OpenApiOperationIds
{
    public static OpenApiOperation? Find(OpenApiDocument doc, ApiDescription api)
    {
        if (api.RelativePath is null || api.HttpMethod is null)
        {
            return null;
        }
        var path = "/" + RouteConstraint().Replace(api.RelativePath.Split('?')[0], "}").Replace("?}", "}", StringComparison.Ordinal).TrimEnd('/');
        if (doc.Paths is null || !doc.Paths.TryGetValue(path, out var item) || item.Operations is null)
        {
            return null;
        }
        return item.Operations.TryGetValue(new HttpMethod(api.HttpMethod), out var operation) ? operation : null;
    }

    /// <summary>From the handler, e.g. <c>SaveReport.PutAsync</c> gives <c>saveReportPut</c>; a lambda falls back to method and path.</summary>
    public static string OperationId(ApiDescription api)
    {
        var method = api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        var type = method?.DeclaringType;
        while (type is { DeclaringType: not null } && type.Name.Contains('<', StringComparison.Ordinal))
        {
            type = type.DeclaringType;
        }
        if (method is not null && type is not null && !method.Name.Contains('<', StringComparison.Ordinal))
        {
            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^"Async".Length] : method.Name;
            return Camel(type.Name + (name is "Handle" or "Endpoint" or "Api" ? "" : name));
        }
        var words = new StringBuilder(api.HttpMethod!.ToLowerInvariant());
        foreach (var segment in RouteConstraint().Replace(api.RelativePath ?? "", "}").Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2))
        {
            var word = new string(segment.Where(char.IsLetterOrDigit).ToArray());
            if (word.Length > 0)
            {
                words.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
            }
        }
        return words.ToString();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static string Unique(string id, HashSet<string> used)
    {
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = id + n.ToString(CultureInfo.InvariantCulture);
        }
        return candidate;
    }

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex RouteConstraint();
}
