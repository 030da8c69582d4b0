using System.Runtime.CompilerServices;
using System.Text.Json;
using HfPipelines.Speech.Whisper;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Speech.Whisper;

/// <summary>
/// Word-timestamp pieces against transformers.js 4.3.2 on fixed inputs (Expected/whisper-words.json, written by
/// scripts/parity/whisper-words/generate.mjs): median filter, dynamic time warping, token times from cross
/// attentions, word grouping and _decode_asr with the real whisper-tiny tokenizer.
/// </summary>
public class WhisperWordsParityTests
{
    private const string Tokenizer = "tokenizers/whisper-tiny";
    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ExpectedDir(), "whisper-words.json"))).RootElement);

    [Fact]
    public void MedianFilter_MatchesTransformersJs()
    {
        foreach (var c in Cases("medianFilter"))
        {
            var filtered = WhisperAlignment.MedianFilter(Doubles(c.GetProperty("row")), c.GetProperty("width").GetInt32());

            Assert.Equal(Doubles(c.GetProperty("expected")), filtered);
        }
    }

    [Fact]
    public void DynamicTimeWarping_MatchesTransformersJs()
    {
        foreach (var c in Cases("dtw"))
        {
            var (text, time) = WhisperAlignment.DynamicTimeWarping([.. c.GetProperty("cost").EnumerateArray().Select(Doubles)]);

            Assert.Equal(Ints(c.GetProperty("text")), text);
            Assert.Equal(Ints(c.GetProperty("time")), time);
        }
    }

    [Fact]
    public void TokenTimes_CrossAttentions_JumpsMatchTransformersJs()
    {
        foreach (var c in Cases("alignment"))
        {
            var layers = c.GetProperty("layers").EnumerateArray().Select(l => l.EnumerateArray().Select(h => h.EnumerateArray().Select(Doubles).ToArray()).ToArray()).ToArray();
            var crop = c.GetProperty("crop").GetInt32();
            var heads = c.GetProperty("heads").EnumerateArray()
                .Select(h => layers[h[0].GetInt32()][h[1].GetInt32()].Select(row => row[..crop]).ToArray()).ToList();

            var times = WhisperAlignment.TokenTimes(heads, c.GetProperty("medianFilterWidth").GetInt32());

            // Python and this code time token i by row i - 1 (times[0] is 0); the jumps themselves are what transformers.js gives.
            Assert.Equal(0, times[0]);
            Assert.Equal(Ints(c.GetProperty("jumps")), times[1..].Select(t => (int)Math.Round(t / WhisperAlignment.TimePrecision)).ToArray());
        }
    }

    [FixtureFact(Tokenizer)]
    public void Combine_RealTokenizer_MatchesTransformersJs()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(Tokenizer));
        var codes = new Dictionary<string, string> { ["english"] = "en", ["french"] = "fr", ["chinese"] = "zh", ["japanese"] = "ja" };
        foreach (var c in Cases("words"))
        {
            var tokens = Ints(c.GetProperty("tokens"));

            var words = WhisperWords.Combine(tokens, tokenizer, codes[c.GetProperty("language").GetString()!]);

            Assert.Equal(Strings(c.GetProperty("words")), words.Select(w => w.Text).ToArray());
            Assert.Equal(c.GetProperty("indices").EnumerateArray().Select(Ints).ToArray(), words.Select(w => w.Indices.ToArray()).ToArray());
        }
    }

    [FixtureFact(Tokenizer)]
    public void Decode_ScriptedWindows_MatchesTransformersJsDecodeAsr()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf(Tokenizer));
        var special = WhisperTokens.From(tokenizer);
        foreach (var c in Cases("decodeAsr"))
        {
            var mode = c.GetProperty("mode").GetString() switch { "word" => WhisperTimestampMode.Words, "segments" => WhisperTimestampMode.Segments, _ => WhisperTimestampMode.None };
            var windows = c.GetProperty("windows").EnumerateArray().Select(w =>
            {
                var stride = Doubles(w.GetProperty("stride"));
                return new WhisperWindowOutput(Ints(w.GetProperty("tokens")), Doubles(w.GetProperty("token_timestamps")), stride[0], stride[1], stride[2], "en");
            }).ToList();

            var (text, chunks) = WhisperAsrDecoder.Decode(windows, special, tokenizer, mode);

            var name = $"{c.GetProperty("name").GetString()} ({mode})";
            Assert.True(c.GetProperty("text").GetString() == text, $"{name}: text '{text}'");
            var expected = c.TryGetProperty("chunks", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => Describe(x.GetProperty("text").GetString()!, [.. x.GetProperty("timestamp").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Null ? (double?)null : t.GetDouble())])).ToArray()
                : null;
            Assert.Equal(expected, chunks?.Select(ch => Describe(ch.Text, ch.Timestamp)).ToArray());
        }
    }

    private static string Describe(string text, IReadOnlyList<double?> timestamp) =>
        FormattableString.Invariant($"{text} [{timestamp[0]}, {timestamp[1]}]");

    private static IEnumerable<JsonElement> Cases(string name) => Expected.Value.GetProperty(name).EnumerateArray();

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt32())];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetString()!)];

    private static string ExpectedDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Expected");
}
