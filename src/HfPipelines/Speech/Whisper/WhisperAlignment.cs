namespace HfPipelines.Speech.Whisper;

/// <summary>
/// Token times from cross attentions, as transformers' <c>WhisperForConditionalGeneration._extract_token_timestamps</c>
/// and transformers.js: the alignment heads' weights (decoder positions x encoder frames) are normalised per frame
/// (mean and population standard deviation over the positions), median-filtered along the frames, averaged over
/// the heads, and aligned with dynamic time warping; a position's time is the frame where the warping path reaches it.
/// </summary>
internal static class WhisperAlignment
{
    /// <summary>Seconds per encoder frame (30 s / 1500 positions).</summary>
    public const double TimePrecision = 0.02;

    /// <summary>Times of the tokens of a decoder sequence one longer than the weight rows.</summary>
    /// <param name="heads">For each alignment head, one row of frame weights per decoder position (all heads alike in shape).</param>
    /// <param name="medianFilterWidth">Width of the median filter (odd; config.json's <c>median_filter_width</c>, 7).</param>
    /// <returns>Seconds, one per token: 0 for the first, then for token i the time of row i - 1, the row that predicted it.</returns>
    public static double[] TokenTimes(IReadOnlyList<double[][]> heads, int medianFilterWidth)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Count == 0 || heads[0].Length == 0 || heads[0][0].Length == 0)
        {
            throw new ArgumentException("The cross attentions hold no rows or frames.", nameof(heads));
        }

        var (text, time) = DynamicTimeWarping(NegatedMeanOfHeads(heads, medianFilterWidth));
        var times = new double[heads[0].Length + 1];
        var next = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (i == 0 || text[i] != text[i - 1])
            {
                times[next++] = time[i] * TimePrecision;
            }
        }

        return times;
    }

    // Each head normalised and median-filtered, then the mean over heads, negated: the warping looks for the cheapest path.
    private static double[][] NegatedMeanOfHeads(IReadOnlyList<double[][]> heads, int medianFilterWidth)
    {
        var rows = heads[0].Length;
        var frames = heads[0][0].Length;
        var sum = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            sum[r] = new double[frames];
        }

        foreach (var head in heads)
        {
            if (head.Length != rows)
            {
                throw new ArgumentException("Every alignment head must cover the same decoder positions.", nameof(heads));
            }

            var normalised = Normalise(head);
            for (var r = 0; r < rows; r++)
            {
                var filtered = MedianFilter(normalised[r], medianFilterWidth);
                for (var f = 0; f < frames; f++)
                {
                    sum[r][f] += filtered[f];
                }
            }
        }

        foreach (var row in sum)
        {
            for (var f = 0; f < frames; f++)
            {
                row[f] = -(row[f] / heads.Count);
            }
        }

        return sum;
    }

    /// <summary>(w - mean) / std per frame, over the rows (population std). A frame every row weighs alike gives 0
    /// (transformers would divide 0 by 0).</summary>
    internal static double[][] Normalise(double[][] weights)
    {
        var rows = weights.Length;
        var frames = weights[0].Length;
        var result = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            if (weights[r].Length != frames)
            {
                throw new ArgumentException("Every row of cross-attention weights must cover the same frames.", nameof(weights));
            }

            result[r] = new double[frames];
        }

        for (var f = 0; f < frames; f++)
        {
            double mean = 0;
            for (var r = 0; r < rows; r++)
            {
                mean += weights[r][f];
            }

            mean /= rows;
            double variance = 0;
            for (var r = 0; r < rows; r++)
            {
                variance += (weights[r][f] - mean) * (weights[r][f] - mean);
            }

            var std = Math.Sqrt(variance / rows);
            for (var r = 0; r < rows; r++)
            {
                result[r][f] = std > 0 ? (weights[r][f] - mean) / std : 0;
            }
        }

        return result;
    }

    /// <summary>Median over a window of <paramref name="width"/> values centred on each, the edges mirrored without
    /// repeating the edge value (torch's "reflect"); a row no longer than half the window is returned as is.</summary>
    internal static double[] MedianFilter(double[] row, int width)
    {
        if (width <= 0 || width % 2 != 1)
        {
            throw new ModelLoadException($"median_filter_width must be a positive odd number, got {width}. Fix config.json (Whisper uses 7).");
        }

        var half = width / 2;
        if (row.Length <= half)
        {
            return (double[])row.Clone();
        }

        var result = new double[row.Length];
        var window = new double[width];
        for (var i = 0; i < row.Length; i++)
        {
            for (var k = -half; k <= half; k++)
            {
                var index = i + k;
                index = index < 0 ? -index : index >= row.Length ? (2 * (row.Length - 1)) - index : index;
                window[k + half] = row[index];
            }

            InsertionSort(window);
            result[i] = window[half];
        }

        return result;
    }

    // The window is small (7): insertion sort beats Array.Sort's set-up at this size.
    private static void InsertionSort(double[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            var value = values[i];
            var j = i - 1;
            for (; j >= 0 && values[j] > value; j--)
            {
                values[j + 1] = values[j];
            }

            values[j + 1] = value;
        }
    }

    /// <summary>
    /// The cheapest monotonic path through <paramref name="cost"/> from its first to its last cell, moving one row,
    /// one column or both at a time; ties go to the column move, as in transformers.
    /// </summary>
    /// <returns>The path's row and column indices, in order.</returns>
    internal static (int[] Text, int[] Time) DynamicTimeWarping(double[][] cost)
    {
        var rows = cost.Length;
        var columns = cost[0].Length;
        var total = new double[rows + 1, columns + 1];
        var trace = new byte[rows + 1, columns + 1];
        for (var i = 0; i <= rows; i++)
        {
            for (var j = 0; j <= columns; j++)
            {
                total[i, j] = double.PositiveInfinity;
            }
        }

        total[0, 0] = 0;
        for (var j = 1; j <= columns; j++)
        {
            for (var i = 1; i <= rows; i++)
            {
                var (c0, c1, c2) = (total[i - 1, j - 1], total[i - 1, j], total[i, j - 1]);
                var (c, t) = c0 < c1 && c0 < c2 ? (c0, (byte)0) : c1 < c0 && c1 < c2 ? (c1, (byte)1) : (c2, (byte)2);
                total[i, j] = cost[i - 1][j - 1] + c;
                trace[i, j] = t;
            }
        }

        return Backtrace(trace, rows, columns);
    }

    private static (int[] Text, int[] Time) Backtrace(byte[,] trace, int rows, int columns)
    {
        for (var j = 0; j <= columns; j++)
        {
            trace[0, j] = 2;
        }

        for (var i = 0; i <= rows; i++)
        {
            trace[i, 0] = 1;
        }

        var text = new List<int>();
        var time = new List<int>();
        var (r, c) = (rows, columns);
        while (r > 0 || c > 0)
        {
            text.Add(r - 1);
            time.Add(c - 1);
            switch (trace[r, c])
            {
                case 0:
                    r--;
                    c--;
                    break;
                case 1:
                    r--;
                    break;
                default:
                    c--;
                    break;
            }
        }

        text.Reverse();
        time.Reverse();
        return ([.. text], [.. time]);
    }
}
