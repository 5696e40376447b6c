using System.Globalization;
using System.Text;
using Ktu.Web.Domain;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The payment list as a spreadsheet for the finance office: semicolon-separated (Norwegian Excel),
/// UTF-8 with byte order mark so Excel reads æøå, CRLF line ends, amounts in whole kroner. Account and
/// organisation numbers are written as printed ("8601.11.17947", "942 110 464") so Excel keeps them as
/// text with their leading zeros. A cell that begins with = + - @ (or a tab or carriage return) gets a
/// leading apostrophe, so a name typed as a formula is never run (CSV injection). The amount is what is paid; the last two
/// columns but one show the granted amount and the repayment claims deducted from it (offset against the next grant); the last is
/// the postal address approved after the decision, empty when there is none.
/// </summary>
internal static class PaymentCsv
{
    private static string[] Header =>
    [
        PaymentTexts.CsvRecipient, PaymentTexts.CsvOrgNumber, PaymentTexts.CsvAccountNumber, PaymentTexts.CsvAmount,
        PaymentTexts.CsvRemark, PaymentTexts.CsvCaseReference, PaymentTexts.CsvSchemeYear, PaymentTexts.CsvExecutionDate,
        PaymentTexts.CsvGranted, PaymentTexts.CsvOffset, PaymentTexts.CsvAddress,
    ];

    public static byte[] Write(PaymentList list)
    {
        using var stream = new MemoryStream();
        Write(stream, list);
        return stream.ToArray();
    }

    public static void Write(Stream stream, PaymentList list)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        WriteLine(writer, Header);
        foreach (var p in list.Payments)
        {
            WriteLine(writer,
            [
                p.RecipientName,
                OrgNumber.TryParse(p.RecipientOrgNumber, out var org) ? org.Value.Formatted : p.RecipientOrgNumber,
                AccountNumber.TryParse(p.AccountNumber, out var account) ? account.Value.Formatted : p.AccountNumber,
                p.Amount.ToString(CultureInfo.InvariantCulture),
                p.Remark,
                p.CaseReference,
                p.SchemeYear.ToString(CultureInfo.InvariantCulture),
                list.ExecutionDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                p.Granted.ToString(CultureInfo.InvariantCulture),
                p.Offset.ToString(CultureInfo.InvariantCulture),
                p.Address?.ToString() ?? "",
            ]);
        }
    }

    private static void WriteLine(StreamWriter writer, IReadOnlyList<string> cells) =>
        writer.WriteLine(string.Join(';', cells.Select(Cell)));

    /// <summary>One cell, defused against formulas first and then quoted when it holds ; " or a line break.</summary>
    internal static string Cell(string? value)
    {
        var s = value ?? "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            s = "'" + s;
        }
        if (s.AsSpan().IndexOfAny(";\"\r\n") >= 0)
        {
            s = "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
        return s;
    }
}
