using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing;
using HfPipelines.Testing.OnnxBuilder;
using HfPipelines.Tokenization;

namespace HfPipelines.Tests.Tasks.FillMask;

/// <summary>fill-mask with the real bert-base-uncased tokenizer over a graph whose logits at [MASK] positions are a
/// fixed bias over the vocabulary: logits = (input_ids == mask_id) * bias.</summary>
public sealed class RealTokenizerFillMaskTests
{
    private const string BertTokenizer = "tokenizers/bert-base-uncased/tokenizer.json";

    [FixtureFact(BertTokenizer)]
    public async Task RunAsync_RealTokenizer_PredictsTheBiasedTokenAtTheMask()
    {
        var tokenizer = HfTokenizer.FromTokenizerJson(TestFixtures.PathOf(BertTokenizer));
        var vocab = tokenizer.VocabularySize;
        var bias = new float[vocab];
        bias[tokenizer.TokenToId("capital")!.Value] = 5;
        bias[tokenizer.TokenToId("city")!.Value] = 4;
        var graph = new OnnxGraphBuilder()
            .Input("input_ids", OnnxGraphBuilder.Int64, "batch", "sequence")
            .Input("attention_mask", OnnxGraphBuilder.Int64, "batch", "sequence")
            .Input("token_type_ids", OnnxGraphBuilder.Int64, "batch", "sequence")
            .Int64Tensor("mask_id", [tokenizer.SpecialTokens["mask_token"].Id])
            .Int64Tensor("last_axis", [-1], 1)
            .FloatTensor("bias", bias, vocab)
            .Node("Equal", ["input_ids", "mask_id"], ["is_mask"])
            .Node("Cast", ["is_mask"], ["is_mask_float"], ("to", (long)OnnxGraphBuilder.Float))
            .Node("Unsqueeze", ["is_mask_float", "last_axis"], ["is_mask_column"])
            .Node("Mul", ["is_mask_column", "bias"], ["logits"])
            .Output("logits", OnnxGraphBuilder.Float, "batch", "sequence", vocab)
            .Build();
        var folder = TinyEncoderModels.Folder(graph, """{"model_type": "bert"}""");
        using var pipeline = OnnxPipelines.CreateFillMask(folder, tokenizer);

        var result = await pipeline.RunAsync("Paris is the [MASK] of France.", new FillMaskOptions { TopK = 2 });

        var predictions = Assert.Single(result);
        Assert.Equal(["capital", "city"], predictions.Select(p => p.TokenStr));
        Assert.Equal(Math.Exp(5) / (Math.Exp(5) + Math.Exp(4) + (vocab - 2)), predictions[0].Score, 5);
        Assert.StartsWith("paris is the capital of france", predictions[0].Sequence, StringComparison.Ordinal);
    }
}
