using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Speech.Whisper;

/// <summary>
/// A tokenizer with Whisper's special-token layout on a tiny vocabulary: ids 0-8 are words with Whisper's leading
/// space (" w0".." w8"), id 9 is ".", then endoftext, startoftranscript, en, fr, translate, transcribe,
/// notimestamps, and timestamps 0.00-2.00.
/// </summary>
internal sealed class FakeWhisperTokenizer : ITextTokenizer
{
    public const int EndOfText = 10;
    public const int StartOfTranscript = 11;
    public const int English = 12;
    public const int French = 13;
    public const int Translate = 14;
    public const int Transcribe = 15;
    public const int NoTimestamps = 16;
    public const int TimestampBegin = 17;

    public const int Period = 9;
    public const int Timestamps = 101;

    private readonly List<string> _vocabulary =
    [
        .. Enumerable.Range(0, 9).Select(i => $" w{i}"),
        ".",
        "<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|fr|>", "<|translate|>", "<|transcribe|>", "<|notimestamps|>",
        .. Enumerable.Range(0, Timestamps).Select(i => FormattableString.Invariant($"<|{i * 0.02:0.00}|>")),
    ];

    /// <summary>The timestamp token of a time in seconds.</summary>
    public static int Ts(double seconds) => TimestampBegin + (int)Math.Round(seconds / 0.02);

    public int VocabularySize => _vocabulary.Count;

    public int? ModelMaxLength => null;

    public IReadOnlyDictionary<string, (string Token, int Id)> SpecialTokens { get; } = new Dictionary<string, (string, int)>();

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) =>
        string.Concat(ids.Where(i => !skipSpecialTokens || i < EndOfText).Select(i => _vocabulary[i]));

    public TokenEncoding Encode(string text, string? pair = null, EncodeOptions? options = null) => throw new NotSupportedException();

    public IReadOnlyList<TokenEncoding> EncodeBatch(IReadOnlyList<string> texts, EncodeOptions? options = null, bool padToLongest = false) => throw new NotSupportedException();

    public string? IdToToken(int id) => id >= 0 && id < _vocabulary.Count ? _vocabulary[id] : null;

    public int? TokenToId(string token)
    {
        var index = _vocabulary.IndexOf(token);
        return index < 0 ? null : index;
    }
}
