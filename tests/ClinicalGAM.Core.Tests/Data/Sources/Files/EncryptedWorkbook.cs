using System.Text;

namespace ClinicalGAM.TestFiles;

/// <summary>
/// The container Excel writes for a workbook with an open password: an OLE compound file (CFB v3) holding the streams
/// "EncryptionInfo" and "EncryptedPackage" (the encrypted .xlsx). The stream contents here are filler: what is tested
/// is that such a file is recognised and refused with a clear sentence, not decrypted.
/// </summary>
internal static class EncryptedWorkbook
{
    private const uint End = 0xFFFFFFFE, Free = 0xFFFFFFFF, FatSector = 0xFFFFFFFD, NoStream = 0xFFFFFFFF;

    public static byte[] Write()
    {
        const int sector = 512, streamBytes = 4096, streamSectors = streamBytes / sector;
        var file = new byte[sector * (1 + 2 + 2 * streamSectors)];
        var header = file.AsSpan(0, sector);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        Put16(header, 24, 0x3E); Put16(header, 26, 3); Put16(header, 28, 0xFFFE); Put16(header, 30, 9); Put16(header, 32, 6);
        Put32(header, 44, 1); Put32(header, 48, 1); Put32(header, 56, 0x1000); Put32(header, 60, End); Put32(header, 68, End);
        Put32(header, 76, 0);
        for (int i = 1; i < 109; i++) Put32(header, 76 + 4 * i, Free);

        // Sector 0 (file sector after the header): the FAT. Sector 1: the directory. Sectors 2-9 and 10-17: the streams.
        var fat = file.AsSpan(sector, sector);
        for (int i = 0; i < 128; i++) Put32(fat, 4 * i, Free);
        Put32(fat, 0, FatSector);
        Put32(fat, 4, End);
        for (int s = 0; s < 2; s++)
        {
            int first = 2 + s * streamSectors;
            for (int k = 0; k < streamSectors; k++) Put32(fat, 4 * (first + k), k == streamSectors - 1 ? End : (uint)(first + k + 1));
        }
        var directory = file.AsSpan(2 * sector, sector);
        Entry(directory[..128], "Root Entry", 5, NoStream, 1, End, 0);
        Entry(directory[128..256], "EncryptionInfo", 2, 2, NoStream, 2, streamBytes);
        Entry(directory[256..384], "EncryptedPackage", 2, NoStream, NoStream, 2 + streamSectors, streamBytes);
        Entry(directory[384..512], "", 0, NoStream, NoStream, 0, 0);
        var info = file.AsSpan(3 * sector, streamBytes);
        Put16(info, 0, 4); Put16(info, 2, 4); Put32(info, 4, 0x40); // agile encryption, version 4.4
        Encoding.ASCII.GetBytes("<?xml version=\"1.0\"?><encryption/>").CopyTo(info[8..]);
        new Random(3).NextBytes(file.AsSpan(3 * sector + streamBytes, streamBytes)); // the "encrypted" package
        return file;
    }

    private static void Entry(Span<byte> entry, string name, byte type, uint right, uint child, uint start, uint size)
    {
        if (name.Length > 0)
        {
            Encoding.Unicode.GetBytes(name).CopyTo(entry);
            Put16(entry, 64, (ushort)((name.Length + 1) * 2));
        }
        entry[66] = type;
        entry[67] = 1; // black
        Put32(entry, 68, NoStream);
        Put32(entry, 72, right);
        Put32(entry, 76, child);
        Put32(entry, 116, start);
        Put32(entry, 120, size);
    }

    private static void Put16(Span<byte> span, int at, ushort value) => BitConverter.TryWriteBytes(span[at..], value);
    private static void Put32(Span<byte> span, int at, uint value) => BitConverter.TryWriteBytes(span[at..], value);
}
