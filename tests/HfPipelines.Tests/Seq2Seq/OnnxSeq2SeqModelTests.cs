using HfPipelines.Seq2Seq;
using HfPipelines.Seq2Seq.Onnx;
using static HfPipelines.Tests.Seq2Seq.TinySeq2SeqModels;

namespace HfPipelines.Tests.Seq2Seq;

public class OnnxSeq2SeqModelTests
{
    private static IReadOnlyList<int[]> Run(string layout, long[][] ids, int beams = 1, double lengthPenalty = 1.0)
    {
        var folder = Folder(layout);
        using var model = OnnxSeq2SeqModel.Load(folder);
        var mask = ids.Select(r => r.Select(t => t == Pad ? 0L : 1L).ToArray()).ToArray();
        var config = Seq2SeqGenerationConfig.FromModelFolder(folder);
        config.NumBeams = beams;
        config.LengthPenalty = lengthPenalty;
        using var session = model.Start(ids, mask, beams);
        return Seq2SeqGenerator.Generate(session, ids.Length, config);
    }

    [Theory]
    [InlineData("merged", DecoderKind.Merged)]
    [InlineData("with-past", DecoderKind.WithPast)]
    [InlineData("no-cache", DecoderKind.NoCache)]
    public void Load_Layout_PicksDecoderKind(string layout, DecoderKind expected)
    {
        using var model = OnnxSeq2SeqModel.Load(Folder(layout));
        Assert.Equal(expected, model.Kind);
    }

    [Theory]
    [InlineData("merged")]
    [InlineData("with-past")]
    [InlineData("no-cache")]
    public void Generate_GreedyPaddedBatch_GivesKnownSequences(string layout)
    {
        // Row 0 (no 7 in the source): 2 -> 3; the cache sum 2+3 = 5 lifts 6 above 4; 6 -> EOS.
        // Row 1 (source has 7, padded): 7 beats 3 thanks to the encoder; 7 -> EOS; then padding.
        var result = Run(layout, [[3, 4, Eos], [7, Eos, Pad]]);

        Assert.Equal([Start, 3, 6, Eos], result[0]);
        Assert.Equal([Start, 7, Eos, Pad], result[1]);
    }

    [Theory]
    [InlineData("merged")]
    [InlineData("with-past")]
    public void Generate_BeamSearch_MatchesTheUncachedDecoder(string layout)
    {
        long[][] ids = [[3, 4, Eos], [7, Eos, Pad]];

        // Raw log-probabilities (length_penalty 0): [2 3 6 EOS] -1.84 beats [2 7 EOS] -1.99 and longer paths.
        var cached = Run(layout, ids, beams: 3, lengthPenalty: 0);
        var uncached = Run("no-cache", ids, beams: 3, lengthPenalty: 0);

        Assert.Equal(uncached, cached);
        Assert.Equal([Start, 3, 6, Eos], cached[0]);
        Assert.Equal([Start, 7, Eos], cached[1][..3]);
    }

    [Fact]
    public void Generate_PresentWithWrongRows_ThrowsPastShapesDoNotMatch()
    {
        // A decoder whose cache output doubles the rows: caught when the presents are kept, before the next step.
        var folder = Folder("no-cache");
        File.WriteAllBytes(Path.Combine(folder, "onnx", "decoder_model_merged.onnx"), TinySeq2SeqModels.DoubledCacheDecoder());
        File.Delete(Path.Combine(folder, "onnx", "decoder_model.onnx"));
        using var model = OnnxSeq2SeqModel.Load(folder);
        using var session = model.Start([[3, 4, Eos]], [[1, 1, 1]]);

        var ex = Assert.Throws<ModelLoadException>(() => Seq2SeqGenerator.Generate(session, 1, Seq2SeqGenerationConfig.FromModelFolder(folder)));

        Assert.Contains("past shapes do not match", ex.Message);
    }

    [Fact]
    public void Load_MissingDecoder_ThrowsNamingTheFiles()
    {
        var folder = Folder("no-cache");
        File.Delete(Path.Combine(folder, "onnx", "decoder_model.onnx"));

        var ex = Assert.Throws<ModelLoadException>(() => OnnxSeq2SeqModel.Load(folder));

        Assert.Contains("decoder_model_merged.onnx", ex.Message);
    }

    [Fact]
    public void Load_TruncatedEncoder_ThrowsModelLoad()
    {
        var folder = Folder("merged");
        var encoder = Path.Combine(folder, "onnx", "encoder_model.onnx");
        File.WriteAllBytes(encoder, File.ReadAllBytes(encoder)[..40]);

        var ex = Assert.Throws<ModelLoadException>(() => OnnxSeq2SeqModel.Load(folder));

        Assert.Contains("encoder_model.onnx", ex.Message);
    }
}
