namespace HfPipelines.Safetensors.Graph;

/// <summary>The feed-forward activations of transformers' ACT2FN that the builder writes, in the node shapes ONNX Runtime fuses.</summary>
internal static class EncoderActivation
{
    private static readonly string[] s_supported = ["gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "silu", "swish"];

    public static bool IsSupported(string activation) => s_supported.Contains(activation);

    /// <summary>Writes <paramref name="activation"/> of <paramref name="x"/>.</summary>
    public static string Write(OnnxGraphWriter g, string scope, string x, string activation) => activation switch
    {
        "gelu" => Erf(g, scope, x),
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => Tanh(g, scope, x),
        "relu" => g.Node("Relu", scope + "/Relu", [x]),
        "silu" or "swish" => g.Node("Mul", scope + "/Mul", [x, g.Node("Sigmoid", scope + "/Sigmoid", [x])]),
        _ => throw new ModelLoadException($"Activation '{activation}' is not supported by the safetensors graph builder."),
    };

    /// <summary>Exact gelu, x * 0.5 * (1 + erf(x / sqrt 2)), as PyTorch exports it (ONNX Runtime's GeluFusion pattern).</summary>
    private static string Erf(OnnxGraphWriter g, string scope, string x)
    {
        var div = g.Node("Div", scope + "/Div", [x, g.Scalar(scope + "/sqrt2", MathF.Sqrt(2f))]);
        var erf = g.Node("Erf", scope + "/Erf", [div]);
        var add = g.Node("Add", scope + "/Add", [erf, g.Scalar(scope + "/one", 1f)]);
        var mul = g.Node("Mul", scope + "/Mul", [x, add]);
        return g.Node("Mul", scope + "/Mul_1", [mul, g.Scalar(scope + "/half", 0.5f)]);
    }

    /// <summary>The tanh approximation, 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))) (gelu_new, gelu_pytorch_tanh, gelu_fast).</summary>
    private static string Tanh(OnnxGraphWriter g, string scope, string x)
    {
        var cube = g.Node("Pow", scope + "/Pow", [x, g.Scalar(scope + "/three", 3f)]);
        var scaled = g.Node("Mul", scope + "/Mul", [cube, g.Scalar(scope + "/c", 0.044715f)]);
        var inner = g.Node("Add", scope + "/Add", [x, scaled]);
        var arg = g.Node("Mul", scope + "/Mul_1", [inner, g.Scalar(scope + "/sqrt2pi", MathF.Sqrt(2f / MathF.PI))]);
        var tanh = g.Node("Tanh", scope + "/Tanh", [arg]);
        var onePlus = g.Node("Add", scope + "/Add_1", [tanh, g.Scalar(scope + "/one", 1f)]);
        var half = g.Node("Mul", scope + "/Mul_2", [x, g.Scalar(scope + "/half", 0.5f)]);
        return g.Node("Mul", scope + "/Mul_3", [half, onePlus]);
    }
}
