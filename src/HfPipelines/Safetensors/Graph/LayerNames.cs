namespace HfPipelines.Safetensors.Graph;

/// <summary>The Hugging Face parameter prefixes of one encoder layer (without the base prefix), per family.</summary>
internal sealed record LayerNames(string Query, string Key, string Value, string AttentionOutput, string AttentionNorm, string FeedForwardIn, string FeedForwardOut, string OutputNorm)
{
    public static LayerNames For(EncoderConfig config, int layer)
    {
        if (config.IsDistilBert)
        {
            var d = $"transformer.layer.{layer}.";
            return new(d + "attention.q_lin", d + "attention.k_lin", d + "attention.v_lin", d + "attention.out_lin", d + "sa_layer_norm", d + "ffn.lin1", d + "ffn.lin2", d + "output_layer_norm");
        }

        var b = $"encoder.layer.{layer}.";
        if (config.IsMpnet)
        {
            return new(b + "attention.attn.q", b + "attention.attn.k", b + "attention.attn.v", b + "attention.attn.o", b + "attention.LayerNorm", b + "intermediate.dense", b + "output.dense", b + "output.LayerNorm");
        }

        return new(b + "attention.self.query", b + "attention.self.key", b + "attention.self.value", b + "attention.output.dense", b + "attention.output.LayerNorm", b + "intermediate.dense", b + "output.dense", b + "output.LayerNorm");
    }
}
