using HfPipelines.Onnx;
using HfPipelines.Tasks;
using HfPipelines.Testing.OnnxBuilder;

namespace HfPipelines.Tests.Onnx;

public sealed class EncoderModelConfigTests
{
    [Fact]
    public void Load_SentenceTransformersFiles_ReadsPoolingNormalizeAndMaxLength()
    {
        var folder = TinyEncoderModels.Folder([], """{"model_type": "bert", "max_position_embeddings": 512, "pad_token_id": 1}""");
        File.WriteAllText(Path.Combine(folder, "modules.json"), """[{"path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""");
        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        File.WriteAllText(Path.Combine(folder, "1_Pooling", "config.json"), """{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}""");
        File.WriteAllText(Path.Combine(folder, "sentence_bert_config.json"), """{"max_seq_length": 256}""");

        var config = EncoderModelConfig.Load(folder);

        Assert.True(config.IsSentenceTransformer);
        Assert.Equal(PoolingMode.Cls, config.Pooling);
        Assert.True(config.Normalize);
        Assert.Equal(256, config.SentenceMaxLength);
        Assert.Equal((512, 1), (config.MaxPositionEmbeddings, config.PadTokenId));
    }

    [Fact]
    public void Load_PlainConfig_DefaultsToMeanWithoutNormalize()
    {
        var config = EncoderModelConfig.Load(TinyEncoderModels.Folder([], TinyEncoderModels.Config("A", "B")));

        Assert.False(config.IsSentenceTransformer);
        Assert.Equal(PoolingMode.Mean, config.Pooling);
        Assert.False(config.Normalize);
        Assert.Equal("B", config.LabelOf(1));
        Assert.Equal("LABEL_7", config.LabelOf(7));
    }

    [Fact]
    public void Load_InvalidJson_ThrowsModelLoadException()
    {
        var folder = TinyEncoderModels.Folder([], "{ not json");

        Assert.Throws<ModelLoadException>(() => EncoderModelConfig.Load(folder));
    }
}
