using System.Text.Json.Nodes;
using HfPipelines.Safetensors;
using HfPipelines.Testing;
using HfPipelines.Testing.Safetensors;

namespace HfPipelines.Tests.Safetensors;

/// <summary>
/// What no Python fixture covers, against <see cref="ManagedEncoder"/>: the feed-forward activations, and the RoBERTa
/// and DistilBERT heads (their own weight names under the <c>roberta.</c>/<c>distilbert.</c> prefix, tied decoders)
/// with known weights added to the transformers-saved base checkpoints.
/// </summary>
public sealed class EncoderGraphReferenceTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly string _dir = Directory.CreateTempSubdirectory("hfp-reference-").FullName;

    [FixtureTheory(SafetensorsOracle.Expected)]
    [InlineData("gelu")]
    [InlineData("gelu_new")]
    [InlineData("gelu_pytorch_tanh")]
    [InlineData("relu")]
    [InlineData("silu")]
    public void Build_Activation_HiddenStatesAsManagedReference(string activation)
    {
        // The feed-forward weights scaled up (input x6, output x10), so that the activations see values of a few units,
        // where the erf and tanh forms of gelu differ (up to 4.7e-4 at 2.7); with the checkpoint's own small weights
        // the two forms give the same hidden states within 1e-4, and the check below would not tell them apart.
        var state = State("bert-safetensors").ToDictionary(p => p.Key, p => Scale(p.Key) is var k and not 1 ? (p.Value.Shape, p.Value.Values.Select(v => v * k).ToArray()) : p.Value);
        var folder = Checkpoint("bert-safetensors", activation, "bert.", state);
        SafetensorsWriter.EditConfig(folder, c => c["hidden_act"] = activation);
        long[] ids = [101, 7592, 2088, 999, 102];

        var got = SafetensorsOracle.Run(SafetensorsOracle.Build(folder, EncoderHead.BaseModel, _dir, activation + ".onnx"), [ids], pad: 0)["last_hidden_state"].Values;

        var want = new ManagedEncoder(state, heads: 2, activation).Bert(ids, layers: 2);
        Assert.InRange(SafetensorsOracle.MaxDifference([.. want.SelectMany(r => r)], got), 0, Tolerance);
        var otherGelu = activation == "gelu" ? "gelu_new" : activation.StartsWith("gelu", StringComparison.Ordinal) ? "gelu" : null;
        if (otherGelu is not null)
        {
            // The check can tell the two gelu forms apart.
            var other = new ManagedEncoder(state, heads: 2, otherGelu).Bert(ids, layers: 2);
            var apart = SafetensorsOracle.MaxDifference([.. other.SelectMany(r => r)], got);
            Assert.True(apart > 2 * Tolerance, $"the gelu forms differ by {apart} only");
        }
    }

    [FixtureFact(SafetensorsOracle.Expected)]
    public void Build_Mpnet_HiddenStatesAndClassifierAsManagedReference()
    {
        // An MPNet made from the RoBERTa checkpoint's weights under MPNet's names, with a relative-position table of
        // distinct values; 150 tokens, so that buckets past the exact range and the distance cap (128) are used.
        var random = new Random(7);
        var state = State("roberta-safetensors")
            .Where(p => !p.Key.Contains("token_type", StringComparison.Ordinal) && !p.Key.StartsWith("pooler", StringComparison.Ordinal))
            .ToDictionary(p => p.Key.Replace("attention.self.query", "attention.attn.q", StringComparison.Ordinal).Replace("attention.self.key", "attention.attn.k", StringComparison.Ordinal)
                .Replace("attention.self.value", "attention.attn.v", StringComparison.Ordinal).Replace("attention.output.dense", "attention.attn.o", StringComparison.Ordinal)
                .Replace("attention.output.LayerNorm", "attention.LayerNorm", StringComparison.Ordinal), p => p.Value);
        state["encoder.relative_attention_bias.weight"] = ([32, 2], [.. Enumerable.Range(0, 64).Select(_ => (random.NextSingle() * 4) - 2)]);
        var head = new Dictionary<string, (long[] Shape, float[] Values)>
        {
            ["classifier.dense.weight"] = ([16, 16], [.. Enumerable.Range(0, 256).Select(_ => (random.NextSingle() * 0.4f) - 0.2f)]),
            ["classifier.dense.bias"] = ([16], new float[16]),
            ["classifier.out_proj.weight"] = ([2, 16], [.. Enumerable.Range(0, 32).Select(_ => (random.NextSingle() * 0.4f) - 0.2f)]),
            ["classifier.out_proj.bias"] = ([2], [0.5f, -0.5f]),
        };
        var folder = Checkpoint("roberta-safetensors", "mpnet", "mpnet.", new(state.Concat(head.Select(h => KeyValuePair.Create("../" + h.Key, h.Value)))));
        SafetensorsWriter.EditConfig(folder, c => c["model_type"] = "mpnet");
        long[] ids = [0, .. Enumerable.Range(0, 148).Select(i => 1000L + (i * 37 % 5000)), 2];

        var hidden = SafetensorsOracle.Run(SafetensorsOracle.Build(folder, EncoderHead.BaseModel, _dir, "mpnet.onnx"), [ids], pad: 1)["last_hidden_state"].Values;
        var logits = SafetensorsOracle.Run(SafetensorsOracle.Build(folder, EncoderHead.SequenceClassification, _dir, "mpnet-cls.onnx"), [ids], pad: 1)["logits"].Values;

        var reference = new ManagedEncoder(new(state.Concat(head)), heads: 2, "gelu");
        var want = reference.Mpnet(ids, layers: 2);
        Assert.InRange(SafetensorsOracle.MaxDifference([.. want.SelectMany(r => r)], hidden), 0, Tolerance);
        Assert.InRange(SafetensorsOracle.MaxDifference([.. reference.Linear(Map(reference.Linear([want[0]], "classifier.dense"), "tanh"), "classifier.out_proj")[0]], logits), 0, Tolerance);
        Assert.Equal([0, 1, 7, 8, 9, 13, 15, 17, 24, 25, 31], new[] { 0, 1, 7, 8, 15, 63, 130, -1, -8, -15, -140 }.Select(ManagedEncoder.Bucket));
    }

    [FixtureTheory(SafetensorsOracle.Expected)]
    [InlineData("roberta-safetensors", EncoderHead.SequenceClassification)]
    [InlineData("roberta-safetensors", EncoderHead.MaskedLM)]
    [InlineData("roberta-safetensors", EncoderHead.TokenClassification)]
    [InlineData("roberta-safetensors", EncoderHead.QuestionAnswering)]
    [InlineData("distilbert-safetensors", EncoderHead.SequenceClassification)]
    [InlineData("distilbert-safetensors", EncoderHead.MaskedLM)]
    [InlineData("distilbert-safetensors", EncoderHead.QuestionAnswering)]
    public void Build_FamilyHead_OutputsAsManagedReference(string fixture, EncoderHead head)
    {
        var roberta = fixture.StartsWith("roberta", StringComparison.Ordinal);
        long[] ids = roberta ? [0, 31414, 232, 328, 2] : [101, 7592, 2088, 999, 102];
        var hidden = Hidden(fixture, ids);
        var weights = HeadWeights(roberta, head);
        var folder = Checkpoint(fixture, $"{fixture}-{head}", roberta ? "roberta." : "distilbert.", weights);
        var all = new Dictionary<string, (long[] Shape, float[] Values)>(weights) { ["word"] = State(fixture)["embeddings.word_embeddings.weight"] };
        var reference = new ManagedEncoder(all, heads: 2, "gelu");

        var outputs = SafetensorsOracle.Run(SafetensorsOracle.Build(folder, head, _dir, $"{fixture}-{head}.onnx"), [ids], pad: roberta ? 1 : 0);

        var want = Expected(reference, hidden, roberta, head);
        var got = head == EncoderHead.QuestionAnswering
            ? outputs["start_logits"].Values.Zip(outputs["end_logits"].Values, (s, e) => new[] { s, e }).SelectMany(p => p).ToArray()
            : outputs["logits"].Values;
        Assert.InRange(SafetensorsOracle.MaxDifference([.. want.SelectMany(r => r)], got), 0, Tolerance);
    }

    private static float[][] Expected(ManagedEncoder r, float[][] hidden, bool roberta, EncoderHead head) => head switch
    {
        EncoderHead.SequenceClassification when roberta => r.Linear(Map(r.Linear([hidden[0]], "classifier.dense"), "tanh"), "classifier.out_proj"),
        EncoderHead.SequenceClassification => r.Linear(Map(r.Linear([hidden[0]], "pre_classifier"), "relu"), "classifier"),
        EncoderHead.MaskedLM when roberta => r.Tied(r.LayerNorm(Map(r.Linear(hidden, "lm_head.dense"), "gelu"), "lm_head.layer_norm"), "word", "lm_head.bias"),
        EncoderHead.MaskedLM => r.Tied(r.LayerNorm(Map(r.Linear(hidden, "vocab_transform"), "gelu"), "vocab_layer_norm"), "word", "vocab_projector.bias"),
        EncoderHead.QuestionAnswering => r.Linear(hidden, "qa_outputs"),
        _ => r.Linear(hidden, "classifier"),
    };

    private static Dictionary<string, (long[] Shape, float[] Values)> HeadWeights(bool roberta, EncoderHead head)
    {
        var random = new Random(23);
        (long[], float[]) Tensor(params long[] shape) => (shape, [.. Enumerable.Range(0, (int)shape.Aggregate(1L, (a, d) => a * d)).Select(_ => (random.NextSingle() * 0.4f) - 0.2f)]);
        var vocabulary = roberta ? 50265 : 30522;
        return (head, roberta) switch
        {
            (EncoderHead.SequenceClassification, true) => new() { ["classifier.dense.weight"] = Tensor(16, 16), ["classifier.dense.bias"] = Tensor(16), ["classifier.out_proj.weight"] = Tensor(3, 16), ["classifier.out_proj.bias"] = Tensor(3) },
            (EncoderHead.SequenceClassification, false) => new() { ["pre_classifier.weight"] = Tensor(16, 16), ["pre_classifier.bias"] = Tensor(16), ["classifier.weight"] = Tensor(3, 16), ["classifier.bias"] = Tensor(3) },
            (EncoderHead.MaskedLM, true) => new() { ["lm_head.dense.weight"] = Tensor(16, 16), ["lm_head.dense.bias"] = Tensor(16), ["lm_head.layer_norm.weight"] = Tensor(16), ["lm_head.layer_norm.bias"] = Tensor(16), ["lm_head.bias"] = Tensor(vocabulary) },
            (EncoderHead.MaskedLM, false) => new() { ["vocab_transform.weight"] = Tensor(16, 16), ["vocab_transform.bias"] = Tensor(16), ["vocab_layer_norm.weight"] = Tensor(16), ["vocab_layer_norm.bias"] = Tensor(16), ["vocab_projector.bias"] = Tensor(vocabulary) },
            (EncoderHead.QuestionAnswering, _) => new() { ["qa_outputs.weight"] = Tensor(2, 16), ["qa_outputs.bias"] = Tensor(2) },
            _ => new() { ["classifier.weight"] = Tensor(5, 16), ["classifier.bias"] = Tensor(5) },
        };
    }

    private static float Scale(string name) =>
        name.EndsWith("intermediate.dense.weight", StringComparison.Ordinal) ? 6 : name.EndsWith("output.dense.weight", StringComparison.Ordinal) && !name.Contains("attention", StringComparison.Ordinal) ? 10 : 1;

    private static float[][] Map(float[][] x, string activation) => [.. x.Select(row => row.Select(v => ManagedEncoder.Activate(v, activation)).ToArray())];

    /// <summary>Our base model's last hidden state for one sequence (checked against transformers by the parity theories).</summary>
    private float[][] Hidden(string fixture, long[] ids)
    {
        var model = SafetensorsOracle.Build(SafetensorsOracle.Folder(fixture), EncoderHead.BaseModel, _dir, fixture + "-base.onnx");
        var values = SafetensorsOracle.Run(model, [ids], pad: -1)["last_hidden_state"].Values;
        return [.. values.Chunk(16)];
    }

    private static Dictionary<string, (long[] Shape, float[] Values)> State(string fixture) =>
        SafetensorsWriter.ReadAll(Path.Combine(SafetensorsOracle.Folder(fixture), "model.safetensors"));

    /// <summary>A checkpoint with the fixture's base weights under <paramref name="prefix"/> plus <paramref name="head"/>
    /// (a head of more than 20 tensors is a whole replacement state: put under the prefix, except names starting "../").</summary>
    private string Checkpoint(string fixture, string name, string prefix, Dictionary<string, (long[] Shape, float[] Values)> head)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        File.Copy(Path.Combine(SafetensorsOracle.Folder(fixture), "config.json"), Path.Combine(folder, "config.json"));
        var state = State(fixture).ToDictionary(p => prefix + p.Key, p => p.Value);
        if (head.Count > 20)
        {
            // A whole replacement state: encoder tensors under the prefix, "../name" at the top level.
            state = head.ToDictionary(p => p.Key.StartsWith("../", StringComparison.Ordinal) ? p.Key[3..] : prefix + p.Key, p => p.Value);
        }
        else
        {
            foreach (var (key, value) in head)
            {
                state[key] = value;
            }
        }

        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), state);
        return folder;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
