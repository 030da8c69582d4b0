namespace HfPipelines.Audio;

/// <summary>The two checksums of a FLAC frame: CRC-8 (poly 0x07) of the header and CRC-16 (poly 0x8005) of the frame.</summary>
internal static class FlacCrc
{
    private static readonly byte[] Crc8Table = BuildCrc8();
    private static readonly ushort[] Crc16Table = BuildCrc16();

    /// <summary>CRC-8 of <paramref name="data"/>, initial value 0.</summary>
    /// <param name="data">The frame header bytes, sync code included.</param>
    /// <returns>The checksum.</returns>
    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (var b in data)
        {
            crc = Crc8Table[crc ^ b];
        }

        return crc;
    }

    /// <summary>CRC-16 of <paramref name="data"/>, initial value 0.</summary>
    /// <param name="data">The whole frame up to its CRC-16 field.</param>
    /// <returns>The checksum.</returns>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        var table = Crc16Table;
        uint crc = 0;
        foreach (var b in data)
        {
            crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ b];
        }

        return (ushort)crc;
    }

    private static byte[] BuildCrc8()
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0x07 : crc << 1;
            }

            table[i] = (byte)crc;
        }

        return table;
    }

    private static ushort[] BuildCrc16()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1;
            }

            table[i] = (ushort)crc;
        }

        return table;
    }
}
