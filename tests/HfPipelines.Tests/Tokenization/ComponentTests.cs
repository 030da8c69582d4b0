using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

/// <summary>Small tokenizer.json files built in the test, one component at a time.</summary>
public sealed class ComponentTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hfp-comp-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Decode_CtcDecoder_CollapsesRepeatsAndPadding()
    {
        var tokenizer = Write("""
            {"decoder": {"type": "CTC", "pad_token": "<pad>", "word_delimiter_token": "|", "cleanup": true},
             "model": {"type": "WordLevel", "unk_token": "<unk>", "vocab": {"<pad>": 0, "<unk>": 1, "|": 2, "h": 3, "i": 4, "e": 5, "l": 6, "o": 7}}}
            """);

        Assert.Equal("hi hello", tokenizer.Decode([3, 3, 0, 4, 2, 3, 5, 6, 0, 6, 7, 7]));
    }

    [Fact]
    public void Encode_WordLevelWithCharDelimiterAndDigits_SplitsAsConfigured()
    {
        var tokenizer = Write("""
            {"normalizer": {"type": "Sequence", "normalizers": [{"type": "NFKC"}, {"type": "Lowercase"}, {"type": "Strip", "strip_left": true, "strip_right": true}]},
             "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "CharDelimiterSplit", "delimiter": "_"}, {"type": "Digits", "individual_digits": true}]},
             "model": {"type": "WordLevel", "unk_token": "<unk>", "vocab": {"<unk>": 0, "ab": 1, "1": 2, "2": 3, "cd": 4}}}
            """);

        var e = tokenizer.Encode("  AB12_Ｃd_x ");

        Assert.Equal([1, 2, 3, 4, 0], e.Ids);
        Assert.Equal([(2, 4), (4, 5), (5, 6), (7, 9), (10, 11)], e.Offsets);
    }

    [Fact]
    public void Encode_AddedTokenSingleWordAndRStrip_MatchesOnlyWholeWords()
    {
        var tokenizer = Write("""
            {"added_tokens": [{"id": 3, "content": "cat", "single_word": true, "lstrip": false, "rstrip": true, "normalized": false, "special": false}],
             "pre_tokenizer": {"type": "WhitespaceSplit"},
             "model": {"type": "WordLevel", "unk_token": "<unk>", "vocab": {"<unk>": 0, "a": 1, "concat": 2}}}
            """);

        var e = tokenizer.Encode("concat cat  a");

        Assert.Equal([2, 3, 1], e.Ids);
        Assert.Equal((7, 12), e.Offsets[1]);
    }

    private HfTokenizer Write(string json)
    {
        var path = Path.Combine(_dir.FullName, "tokenizer.json");
        File.WriteAllText(path, json);
        return HfTokenizer.FromTokenizerJson(path);
    }
}
