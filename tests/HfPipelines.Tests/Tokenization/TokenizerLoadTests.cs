using HfPipelines.Testing;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tokenization;

public sealed class TokenizerLoadTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hfp-tokload-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("{\"model\": {\"type\": \"WordPiece\", \"vocab\": [1, 2]}}", "model.vocab")]
    [InlineData("{\"model\": {\"type\": \"Magic\"}}", "model")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [7]}}", "model.merges[0]")]
    [InlineData("{\"normalizer\": {\"type\": \"Replace\", \"pattern\": {\"Regex\": \"(\"}, \"content\": \"x\"}, \"model\": {\"type\": \"WordLevel\", \"vocab\": {}}}", "normalizer.pattern.Regex")]
    [InlineData("{\"added_tokens\": [{\"id\": \"x\", \"content\": \"a\"}], \"model\": {\"type\": \"WordLevel\", \"vocab\": {}}}", "added_tokens[0].id")]
    [InlineData("{\"post_processor\": {\"type\": \"TemplateProcessing\", \"single\": [{\"SpecialToken\": {\"id\": \"[X]\"}}]}, \"model\": {\"type\": \"WordLevel\", \"vocab\": {}}}", "post_processor.single[0].SpecialToken.id")]
    [InlineData("{\"vocab\": 1", "not valid JSON")]
    public void FromTokenizerJson_Malformed_ThrowsNamingFileAndField(string json, string field)
    {
        var path = Path.Combine(_dir.FullName, "tokenizer.json");
        File.WriteAllText(path, json);

        var ex = Assert.Throws<TokenizerLoadException>(() => HfTokenizer.FromTokenizerJson(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ModelLoadException>(ex);
    }

    [Theory]
    [InlineData("{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": {}}}")]
    [InlineData("{\"model\": {\"type\": \"WordLevel\", \"unk_token\": \"<unk>\", \"vocab\": {}}}")]
    [InlineData("{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}")]
    public void FromTokenizerJson_EmptyVocabulary_LoadErrorOrEncodeErrorNamingIt(string json)
    {
        var path = Path.Combine(_dir.FullName, "tokenizer.json");
        File.WriteAllText(path, json);

        // An empty vocabulary cannot give ids: a typed error at load or at the first encode, never a crash or garbage ids.
        var ex = Record.Exception(() => HfTokenizer.FromTokenizerJson(path).Encode("hello world"));

        Assert.NotNull(ex);
        Assert.IsAssignableFrom<HfPipelinesException>(ex);
        Assert.Contains("vocab", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FromTokenizerJson_EmptyBpeVocabularyWithoutUnk_DropsWhatItCannotEncode()
    {
        // As the Rust library: BPE without an unknown token skips what is not in its vocabulary.
        var path = Path.Combine(_dir.FullName, "tokenizer.json");
        File.WriteAllText(path, "{\"model\": {\"type\": \"BPE\", \"vocab\": {}, \"merges\": []}}");

        Assert.Empty(HfTokenizer.FromTokenizerJson(path).Encode("hello world").Ids);
    }

    [Fact]
    public void FromTokenizerJson_TenMillionEntryVocabulary_LoadsAndEncodes()
    {
        // A vocabulary far beyond any real model (the largest on the Hub hold about 260k entries) is only memory: it
        // loads, and encoding looks words up as usual.
        var path = Path.Combine(_dir.FullName, "tokenizer.json");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("{\"model\": {\"type\": \"WordLevel\", \"unk_token\": \"w0\", \"vocab\": {");
            for (var i = 0; i < 10_000_000; i++)
            {
                writer.Write(i == 0 ? "\"w0\": 0" : $", \"w{i}\": {i}");
            }

            writer.Write("}}, \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}}");
        }

        var tokenizer = HfTokenizer.FromTokenizerJson(path);

        Assert.Equal([9_999_999, 42, 0], tokenizer.Encode("w9999999 w42 unknown").Ids);
    }

    [Fact]
    public void FromFolder_NoTokenizerFiles_ThrowsListingExpectedFiles()
    {
        var ex = Assert.Throws<TokenizerLoadException>(() => HfTokenizer.FromFolder(_dir.FullName));

        Assert.Contains("tokenizer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("vocab.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTokenizerJson_SplitRegexOfLlama3_EncodesDigitsInThrees()
    {
        var vocab = string.Join(",", Enumerable.Range(0, 256).Select(b => $"\"{Escape(ByteChar(b))}\": {b}")) + ", \"12\": 256, \"123\": 257, \"Ġw\": 258, \"Ġwo\": 259";
        var json = """
            {"normalizer": null,
             "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
               {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": false},
               {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]},
             "post_processor": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
             "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
             "model": {"type": "BPE", "ignore_merges": true, "vocab": {VOCAB}, "merges": [["1", "2"], ["12", "3"], ["Ġ", "w"], ["Ġw", "o"]]}}
            """.Replace("{VOCAB}", "{" + vocab + "}", StringComparison.Ordinal);
        var path = Path.Combine(_dir.FullName, "tokenizer.json");
        File.WriteAllText(path, json);

        var tokenizer = HfTokenizer.FromTokenizerJson(path);
        var e = tokenizer.Encode("1234567 wo");

        Assert.Equal(["123", "4", "5", "6", "7", "Ġwo"], e.Tokens.Take(6));
        Assert.Equal([(0, 3), (3, 4)], e.Offsets.Take(2));
        Assert.Equal("1234567 wo", tokenizer.Decode(e.Ids));
    }

    [FixtureFact("tokenizers/t5-small")]
    public void FromFolder_T5_ReadsConfigAndSpecialTokens()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/t5-small"));

        Assert.Equal(512, tokenizer.ModelMaxLength);
        Assert.Equal(("</s>", 1), tokenizer.SpecialTokens["eos_token"]);
        Assert.Equal(("<pad>", 0), tokenizer.SpecialTokens["pad_token"]);
        Assert.Equal("T5Tokenizer", tokenizer.Config["tokenizer_class"]!.GetValue<string>());
        Assert.Equal(["▁Hello", "▁world", "</s>"], tokenizer.Encode("Hello world").Tokens);
        Assert.Equal(32100, tokenizer.VocabularySize);
    }

    [FixtureFact("tokenizers/gpt2")]
    public void FromFolder_Gpt2_AsciiAndAccentedWordsByteLevelOffsets()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/gpt2"));

        var e = tokenizer.Encode("Hello world, naïve café!");

        Assert.Equal(["Hello", "Ġworld", ",", "ĠnaÃ¯ve", "ĠcafÃ©", "!"], e.Tokens);
        Assert.Equal([(0, 5), (5, 11), (11, 12), (12, 18), (18, 23), (23, 24)], e.Offsets);
    }

    [FixtureFact("tokenizers/t5-small")]
    public void FromFolder_T5_WhitespaceRunsAndAccentsUnigramOffsets()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/t5-small"));

        var e = tokenizer.Encode("Hello   world, CAFÉ", options: new EncodeOptions { AddSpecialTokens = false });

        Assert.Equal(["▁Hello", "▁world", ",", "▁CA", "F", "É"], e.Tokens);
        Assert.Equal([(0, 5), (8, 13), (13, 14), (15, 17), (17, 18), (18, 19)], e.Offsets);
        Assert.Equal([0, 1, 1, 2, 2, 2], e.WordIds.Select(w => w!.Value));
    }

    [FixtureFact("tokenizers/llama-2")]
    public void FromFolder_Llama2_ByteFallbackAndOffsets()
    {
        var tokenizer = HfTokenizer.FromFolder(TestFixtures.PathOf("tokenizers/llama-2"));

        var e = tokenizer.Encode("Hi 🤗");

        Assert.Equal(["<s>", "▁Hi", "▁", "<0xF0>", "<0x9F>", "<0xA4>", "<0x97>"], e.Tokens);
        Assert.Equal((0, 2), e.Offsets[1]);
        Assert.Equal((3, 5), e.Offsets[3]);
        Assert.Equal("Hi 🤗", tokenizer.Decode(e.Ids));
        Assert.Null(tokenizer.ModelMaxLength);
    }

    [FixtureFact("tokenizers/llama-2")]
    public void FromFolder_LlamaConfigWithAddEosToken_RebuildsTemplateAsTransformers()
    {
        File.Copy(TestFixtures.PathOf("tokenizers/llama-2/tokenizer.json"), Path.Combine(_dir.FullName, "tokenizer.json"));
        File.WriteAllText(Path.Combine(_dir.FullName, "tokenizer_config.json"),
            """{"tokenizer_class": "LlamaTokenizer", "add_bos_token": true, "add_eos_token": true, "bos_token": "<s>", "eos_token": "</s>"}""");

        var e = HfTokenizer.FromFolder(_dir.FullName).Encode("Hi", "yo");

        Assert.Equal(["<s>", "▁Hi", "</s>", "<s>", "▁yo", "</s>"], e.Tokens);
        Assert.Equal([0, 0, 0, 1, 1, 1], e.TypeIds);
    }

    private static string ByteChar(int b)
    {
        var next = 256;
        for (var i = 0; i < 256; i++)
        {
            var printable = (i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF);
            var c = printable ? (char)i : (char)next++;
            if (i == b)
            {
                return c.ToString();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(b));
    }

    private static string Escape(string s) => System.Text.Json.JsonEncodedText.Encode(s).ToString();
}
