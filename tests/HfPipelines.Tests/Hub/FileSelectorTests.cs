using HfPipelines.Hub;

namespace HfPipelines.Tests.Hub;

public class FileSelectorTests
{
    private static readonly string[] s_onnxRepo =
    [
        ".gitattributes", "README.md", "config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
        "model.safetensors", "pytorch_model.bin",
        "onnx/model.onnx", "onnx/model_quantized.onnx", "onnx/model_fp16.onnx", "onnx/model_int8.onnx", "onnx/model_uint8.onnx",
        "onnx/model_q4.onnx", "onnx/model_q4f16.onnx", "onnx/model_bnb4.onnx", "onnx/model_fp16.onnx_data",
    ];

    [Theory]
    [InlineData(null, "onnx/model.onnx")]
    [InlineData("fp32", "onnx/model.onnx")]
    [InlineData("q8", "onnx/model_quantized.onnx")]
    [InlineData("fp16", "onnx/model_fp16.onnx,onnx/model_fp16.onnx_data")]
    [InlineData("int8", "onnx/model_int8.onnx")]
    [InlineData("uint8", "onnx/model_uint8.onnx")]
    [InlineData("q4", "onnx/model_q4.onnx")]
    [InlineData("Q4F16", "onnx/model_q4f16.onnx")]
    [InlineData("bnb4", "onnx/model_bnb4.onnx")]
    public void Select_Dtype_PicksTransformersJsVariant(string? dtype, string expectedOnnx)
    {
        var files = FileSelector.Select(s_onnxRepo, new ModelResolveOptions { Dtype = dtype });

        Assert.Equal(expectedOnnx.Split(','), files.Where(f => f.StartsWith("onnx/", StringComparison.Ordinal)));
        Assert.Contains("config.json", files);
        Assert.Contains("tokenizer.json", files);
        Assert.DoesNotContain("model.safetensors", files);
        Assert.DoesNotContain("pytorch_model.bin", files);
    }

    [Fact]
    public void Select_UnknownDtype_ListsValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => FileSelector.Select(s_onnxRepo, new ModelResolveOptions { Dtype = "fp8" }));

        Assert.Contains("q4f16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_OnlyQuantized_DefaultsToQ8()
    {
        var files = FileSelector.Select(["config.json", "onnx/model_quantized.onnx", "onnx/model_q4.onnx"], new ModelResolveOptions());

        Assert.Equal(["config.json", "onnx/model_quantized.onnx"], files);
    }

    [Theory]
    [InlineData("q4_k_m", "model-Q4_K_M.gguf")]
    [InlineData("Q8_0", "model-Q8_0.gguf")]
    [InlineData(null, "model-Q4_K_M.gguf")]
    public void Select_GgufQuantization_CaseInsensitive(string? quantization, string expected)
    {
        string[] repo = ["README.md", "model-Q4_K_M.gguf", "model-Q8_0.gguf", "model-IQ4_K_M.gguf", "model-Q4_K.gguf"];

        var files = FileSelector.Select(repo, new ModelResolveOptions { Quantization = quantization });

        Assert.Equal(["README.md", expected], files);
    }

    [Fact]
    public void Select_GgufUnknownQuantization_ListsFiles()
    {
        var error = Assert.Throws<ModelNotFoundException>(
            () => FileSelector.Select(["a-Q4_K_M.gguf", "a-Q8_0.gguf"], new ModelResolveOptions { Quantization = "Q2_K" }));

        Assert.Contains("a-Q8_0.gguf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AllowPatterns_FnmatchLikeHuggingfaceHub()
    {
        var files = FileSelector.Select(s_onnxRepo, new ModelResolveOptions { AllowPatterns = ["*.json", "onnx/model_q4*"] });

        Assert.Equal(["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "onnx/model_q4.onnx", "onnx/model_q4f16.onnx"], files);
    }

    [Fact]
    public void Select_RepoWithCodeFiles_CodeOnlyWhenAsked()
    {
        string[] repo =
        [
            "config.json", "configuration_custom.py", "modeling_custom.py", "tokenizer.json", "src/__init__.py", "cache/mod.pyc",
            "demo.ipynb", "setup.sh", "lib/custom_ops.so", "onnx/model.onnx",
        ];

        var byDefault = FileSelector.Select(repo, new ModelResolveOptions());
        var asked = FileSelector.Select(repo, new ModelResolveOptions { AllowPatterns = ["*.py", "*.json"] });

        Assert.Equal(["config.json", "tokenizer.json", "onnx/model.onnx"], byDefault);
        Assert.Equal(["config.json", "configuration_custom.py", "modeling_custom.py", "tokenizer.json", "src/__init__.py"], asked);
    }
}
