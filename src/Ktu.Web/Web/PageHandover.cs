using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Ktu.Web.Web;

/// <summary>
/// What a form that posts to another feature's page hands back to the page it came from, across the redirect
/// (post, redirect, get): a message, or one field's error with what the user typed there. The page shows the
/// error in its error summary as if its own handler had refused. Keeps features apart: a page of one feature never
/// calls another feature's handler, it lets that feature's page answer and come back.
/// </summary>
internal static class PageHandover
{
    private const string MessageKey = "handover.message";
    private const string FieldKey = "handover.field";
    private const string ErrorKey = "handover.error";
    private const string TypedKey = "handover.typed";

    public static void Message(this ITempDataDictionary tempData, string message) => tempData[MessageKey] = message;

    /// <summary>Hands back <paramref name="error"/> for the field whose id is <paramref name="field"/> ("" for the page), with what was typed there.</summary>
    public static void Error(this ITempDataDictionary tempData, string field, string error, string? typed = null)
    {
        tempData[FieldKey] = field;
        tempData[ErrorKey] = error;
        tempData[TypedKey] = typed;
    }

    /// <summary>The handed-back message, once.</summary>
    public static string? TakeMessage(this ITempDataDictionary tempData) => tempData[MessageKey] as string;

    /// <summary>Puts a handed-back error in <paramref name="modelState"/> (once) and returns the field's typed value, if any.</summary>
    public static (string Field, string? Typed)? TakeError(this ITempDataDictionary tempData, ModelStateDictionary modelState)
    {
        if (tempData[ErrorKey] is not string error)
        {
            return null;
        }
        var field = tempData[FieldKey] as string ?? "";
        modelState.AddModelError(field, error);
        return (field, tempData[TypedKey] as string);
    }
}
