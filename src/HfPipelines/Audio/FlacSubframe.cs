namespace HfPipelines.Audio;

/// <summary>
/// Decodes one FLAC subframe (one channel of a frame): CONSTANT, VERBATIM, FIXED (orders 0-4) or LPC (orders 1-32)
/// with partitioned Rice / Rice2 residuals and wasted bits. Works in place on the channel's buffer; allocates nothing.
/// </summary>
internal static class FlacSubframe
{
    private const int TypeConstant = 0;
    private const int TypeVerbatim = 1;

    /// <summary>Decodes a subframe into <paramref name="samples"/> (its length is the block size).</summary>
    /// <param name="reader">The frame's bit reader, at the subframe header.</param>
    /// <param name="samples">The channel's samples for this frame.</param>
    /// <param name="bits">Bits per sample of this channel (one more than the frame's for a side channel).</param>
    /// <param name="offset">The frame's byte offset, for messages.</param>
    /// <exception cref="InvalidPipelineInputException">A reserved subframe type or an impossible parameter.</exception>
    public static void Decode(ref FlacBitReader reader, Span<long> samples, int bits, long offset)
    {
        var header = (int)reader.ReadBits(8);
        if ((header & 0x80) != 0)
        {
            throw FlacFrameHeader.Corrupt(offset, "has a subframe whose padding bit is set");
        }

        var type = (header >> 1) & 0x3F;
        var wasted = 0;
        if ((header & 1) != 0)
        {
            wasted = reader.ReadUnary() + 1;
            if (wasted >= bits)
            {
                throw FlacFrameHeader.Corrupt(offset, $"declares {wasted} wasted bits in a {bits}-bit subframe");
            }
        }

        bits -= wasted;
        switch (type)
        {
            case TypeConstant:
                samples.Fill(reader.ReadSigned(bits));
                break;
            case TypeVerbatim:
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = reader.ReadSigned(bits);
                }

                break;
            case >= 8 and <= 12:
                DecodeFixed(ref reader, samples, bits, type - 8, offset);
                break;
            case >= 32:
                DecodeLpc(ref reader, samples, bits, type - 31, offset);
                break;
            default:
                throw FlacFrameHeader.Corrupt(offset, $"uses the reserved subframe type {type}");
        }

        if (wasted > 0)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] <<= wasted;
            }
        }
    }

    private static void DecodeFixed(ref FlacBitReader reader, Span<long> samples, int bits, int order, long offset)
    {
        ReadWarmUp(ref reader, samples, bits, order, offset);
        ReadResidual(ref reader, samples, order, offset);
        FlacPredictor.RestoreFixed(samples, order);
    }

    private static void DecodeLpc(ref FlacBitReader reader, Span<long> samples, int bits, int order, long offset)
    {
        ReadWarmUp(ref reader, samples, bits, order, offset);
        var precision = (int)reader.ReadBits(4) + 1;
        var shift = (int)reader.ReadSigned(5);
        if (precision == 16 || shift < 0)
        {
            throw FlacFrameHeader.Corrupt(offset, $"has an invalid LPC coefficient precision ({precision}) or shift ({shift})");
        }

        Span<long> coefficients = stackalloc long[order];
        for (var i = 0; i < order; i++)
        {
            coefficients[i] = reader.ReadSigned(precision);
        }

        ReadResidual(ref reader, samples, order, offset);
        FlacPredictor.RestoreLpc(samples, coefficients, shift);
    }

    private static void ReadWarmUp(ref FlacBitReader reader, Span<long> samples, int bits, int order, long offset)
    {
        if (order > samples.Length)
        {
            throw FlacFrameHeader.Corrupt(offset, $"has a predictor of order {order} in a block of {samples.Length} samples");
        }

        for (var i = 0; i < order; i++)
        {
            samples[i] = reader.ReadSigned(bits);
        }
    }

    private static void ReadResidual(ref FlacBitReader reader, Span<long> samples, int order, long offset)
    {
        var method = (int)reader.ReadBits(2);
        if (method > 1)
        {
            throw FlacFrameHeader.Corrupt(offset, $"uses the reserved residual coding method {method}");
        }

        var parameterBits = method == 0 ? 4 : 5;
        var escape = (1 << parameterBits) - 1;
        var partitionOrder = (int)reader.ReadBits(4);
        var partitionSize = samples.Length >> partitionOrder;
        if ((partitionSize << partitionOrder) != samples.Length || partitionSize < order)
        {
            throw FlacFrameHeader.Corrupt(offset, $"has a residual partition order ({partitionOrder}) that does not fit its block of {samples.Length} samples");
        }

        var position = order;
        for (var partition = 0; partition < 1 << partitionOrder; partition++)
        {
            var count = partition == 0 ? partitionSize - order : partitionSize;
            var destination = samples.Slice(position, count);
            var parameter = (int)reader.ReadBits(parameterBits);
            if (parameter != escape)
            {
                reader.ReadRice(destination, parameter);
            }
            else
            {
                var width = (int)reader.ReadBits(5);
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = reader.ReadSigned(width);
                }
            }

            position += count;
            if (reader.Overrun)
            {
                return; // the caller asks for more bytes; decoding zeros further is wasted work
            }
        }
    }
}
