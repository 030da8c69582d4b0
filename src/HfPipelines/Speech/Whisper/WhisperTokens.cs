using HfPipelines.Tokenization;

namespace HfPipelines.Speech.Whisper;

/// <summary>The special tokens of a Whisper tokenizer, found by their text (so any Whisper size works).</summary>
public sealed class WhisperTokens
{
    private WhisperTokens()
    {
    }

    /// <summary><c>&lt;|startoftranscript|&gt;</c>.</summary>
    public int StartOfTranscript { get; private init; }

    /// <summary><c>&lt;|endoftext|&gt;</c>.</summary>
    public int EndOfText { get; private init; }

    /// <summary><c>&lt;|transcribe|&gt;</c>.</summary>
    public int Transcribe { get; private init; }

    /// <summary><c>&lt;|translate|&gt;</c>.</summary>
    public int Translate { get; private init; }

    /// <summary><c>&lt;|notimestamps|&gt;</c>.</summary>
    public int NoTimestamps { get; private init; }

    /// <summary>The first timestamp token, <c>&lt;|0.00|&gt;</c>.</summary>
    public int TimestampBegin { get; private init; }

    /// <summary>Language code (<c>en</c>, <c>fr</c> ...) to its token id; empty for English-only models.</summary>
    public IReadOnlyDictionary<string, int> Languages { get; private init; } = new Dictionary<string, int>();

    /// <summary>Reads the tokens from a Whisper tokenizer.</summary>
    /// <param name="tokenizer">The tokenizer.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="ModelLoadException">A required token is missing: not a Whisper tokenizer.</exception>
    public static WhisperTokens From(ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        int Require(string token) => tokenizer.TokenToId(token)
            ?? throw new ModelLoadException($"The tokenizer has no '{token}' token: it is not a Whisper tokenizer.");

        var sot = Require("<|startoftranscript|>");
        var translate = Require("<|translate|>");
        var noTimestamps = Require("<|notimestamps|>");
        var languages = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var id = sot + 1; id < translate; id++)
        {
            var token = tokenizer.IdToToken(id);
            if (token is { Length: > 4 } && token.StartsWith("<|", StringComparison.Ordinal) && token.EndsWith("|>", StringComparison.Ordinal))
            {
                languages[token[2..^2]] = id;
            }
        }

        return new WhisperTokens
        {
            StartOfTranscript = sot,
            EndOfText = Require("<|endoftext|>"),
            Transcribe = Require("<|transcribe|>"),
            Translate = translate,
            NoTimestamps = noTimestamps,
            TimestampBegin = tokenizer.TokenToId("<|0.00|>") ?? noTimestamps + 1,
            Languages = languages,
        };
    }
}
