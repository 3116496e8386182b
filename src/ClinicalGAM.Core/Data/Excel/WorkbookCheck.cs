namespace ClinicalGAM.Core.Data.Excel;

/// <summary>
/// What kind of file was named as a workbook, before the Excel reader sees it: a password-protected workbook is an
/// Office compound file holding an "EncryptedPackage" stream, and a CSV renamed .xlsx is not a workbook at all.
/// </summary>
internal static class WorkbookCheck
{
    private static readonly byte[] Zip = "PK\x03\x04"u8.ToArray();
    private static readonly byte[] Compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] EncryptedPackage = System.Text.Encoding.Unicode.GetBytes("EncryptedPackage");

    public static void Check(Stream stream)
    {
        stream.Position = 0;
        var head = new byte[8];
        int read = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 0) throw new CohortFormatException("the file is empty: expected an Excel workbook.");
        if (head.AsSpan(0, read).StartsWith(Zip)) return;
        if (!head.AsSpan(0, read).StartsWith(Compound))
            throw new CohortFormatException(
                "the file is named as an Excel workbook but is not one (a CSV or text file renamed .xlsx?): give it its real extension.");
        if (Holds(stream, EncryptedPackage))
            throw new CohortFormatException(
                "the workbook is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password " +
                "(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and upload it again; or save the sheet as CSV.");
    }

    // The stream names of a compound file are UTF-16 text in its directory sectors.
    private static bool Holds(Stream stream, byte[] name)
    {
        var buffer = new byte[(1 << 20) + name.Length];
        int carry = 0, read;
        try
        {
            while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
            {
                int filled = carry + read;
                if (buffer.AsSpan(0, filled).IndexOf(name) >= 0) return true;
                carry = Math.Min(name.Length - 1, filled);
                buffer.AsSpan(filled - carry, carry).CopyTo(buffer);
            }
            return false;
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
