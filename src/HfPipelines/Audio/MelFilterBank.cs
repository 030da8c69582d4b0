namespace HfPipelines.Audio;

/// <summary>Triangular mel filters as transformers' <c>mel_filter_bank</c> builds them (Slaney scale, Slaney norm).</summary>
internal static class MelFilterBank
{
    private const double MinLogHertz = 1000.0;
    private const double MinLogMel = 15.0;
    private static readonly double s_logStep = 27.0 / Math.Log(6.4);

    /// <summary>Builds the filters, [mel, frequency bin], row-major.</summary>
    /// <param name="frequencyBins">n_fft / 2 + 1.</param>
    /// <param name="melFilters">Number of mel filters (80 or 128 for Whisper).</param>
    /// <param name="minFrequency">Lowest frequency in Hz.</param>
    /// <param name="maxFrequency">Highest frequency in Hz.</param>
    /// <param name="samplingRate">The sample rate in Hz.</param>
    /// <returns>The filter matrix.</returns>
    public static double[,] Slaney(int frequencyBins, int melFilters, double minFrequency, double maxFrequency, int samplingRate)
    {
        var melMin = HertzToMel(minFrequency);
        var melMax = HertzToMel(maxFrequency);
        var filterFreqs = new double[melFilters + 2];
        for (var i = 0; i < filterFreqs.Length; i++)
        {
            filterFreqs[i] = MelToHertz(melMin + ((melMax - melMin) * i / (melFilters + 1)));
        }

        var nyquist = samplingRate / 2;
        var filters = new double[melFilters, frequencyBins];
        for (var m = 0; m < melFilters; m++)
        {
            var enorm = 2.0 / (filterFreqs[m + 2] - filterFreqs[m]);
            for (var f = 0; f < frequencyBins; f++)
            {
                var freq = (double)nyquist * f / (frequencyBins - 1);
                var down = (freq - filterFreqs[m]) / (filterFreqs[m + 1] - filterFreqs[m]);
                var up = (filterFreqs[m + 2] - freq) / (filterFreqs[m + 2] - filterFreqs[m + 1]);
                filters[m, f] = Math.Max(0.0, Math.Min(down, up)) * enorm;
            }
        }

        return filters;
    }

    private static double HertzToMel(double hertz) =>
        hertz >= MinLogHertz ? MinLogMel + (Math.Log(hertz / MinLogHertz) * s_logStep) : 3.0 * hertz / 200.0;

    private static double MelToHertz(double mel) =>
        mel >= MinLogMel ? MinLogHertz * Math.Exp((mel - MinLogMel) / s_logStep) : 200.0 * mel / 3.0;
}
