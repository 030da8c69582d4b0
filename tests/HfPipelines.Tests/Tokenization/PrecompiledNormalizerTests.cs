using System.Text.Json.Nodes;
using HfPipelines.Testing;
using HfPipelines.Tokenization.Normalizers;

namespace HfPipelines.Tests.Tokenization;

public class PrecompiledNormalizerTests
{
    [FixtureFact("tokenizers/t5-small/tokenizer.json")]
    public void Normalize_T5Charsmap_AppliesNfkcMappings()
    {
        var json = JsonNode.Parse(File.ReadAllText(TestFixtures.PathOf("tokenizers/t5-small/tokenizer.json")))!;
        var normalizer = PrecompiledNormalizer.TryCreate(json["normalizer"]!["precompiled_charsmap"]!.GetValue<string>());

        Assert.NotNull(normalizer);
        var text = "Ｆｕｌｌ ﬁne ½ A\u0301b";
        var result = normalizer.Normalize(NormalizedText.FromOriginal(text, 0, text.Length));
        Assert.Equal("Full fine 1⁄2 Áb", result.Text);
        Assert.Equal((0, 4), result.OriginalRange(0, 4));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void TryCreate_MissingOrMalformed_ReturnsNull(string? charsmap)
    {
        Assert.Null(PrecompiledNormalizer.TryCreate(charsmap));
    }
}
