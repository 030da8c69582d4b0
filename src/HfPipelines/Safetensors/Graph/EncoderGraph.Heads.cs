using static HfPipelines.Safetensors.Graph.OnnxGraphWriter;

namespace HfPipelines.Safetensors.Graph;

/// <summary>The task heads, with each family's weight names; a missing head is a one-line error naming the tensor.</summary>
internal sealed partial class EncoderGraph
{
    /// <summary>Checks, before anything is written, that the checkpoint has the head's weights.</summary>
    public void RequireHead(EncoderHead head, string folder)
    {
        _ = head switch
        {
            EncoderHead.SequenceClassification => RequireHead(folder, ClassifierName(), "classification", "text classification", "SequenceClassification"),
            EncoderHead.TokenClassification => RequireHead(folder, "classifier", "token classification", "token classification (NER)", "TokenClassification"),
            EncoderHead.QuestionAnswering => RequireHead(folder, "qa_outputs", "question-answering", "question answering", "QuestionAnswering"),
            EncoderHead.MaskedLM => RequireHead(folder, MaskedLmNames().Dense, "masked-language-model", "fill-mask", "MaskedLM"),
            _ => string.Empty,
        };
    }

    /// <summary>Writes the head on the last hidden state and declares the outputs as an optimum export names them.</summary>
    public void Head(EncoderHead head, string hidden, string folder)
    {
        switch (head)
        {
            case EncoderHead.BaseModel:
                g.Output(hidden, "last_hidden_state", Batch, Sequence, c.HiddenSize);
                break;
            case EncoderHead.SequenceClassification:
                var labels = Labels(RequireHead(folder, ClassifierName(), "classification", "text classification", "SequenceClassification"));
                g.Output(SequenceClassifier(hidden, labels), "logits", Batch, labels);
                break;
            case EncoderHead.TokenClassification:
                var tags = Labels(RequireHead(folder, "classifier", "token classification", "token classification (NER)", "TokenClassification"));
                g.Output(Linear("/classifier", hidden, "classifier", c.HiddenSize, tags, underBase: false), "logits", Batch, Sequence, tags);
                break;
            case EncoderHead.QuestionAnswering:
                RequireHead(folder, "qa_outputs", "question-answering", "question answering", "QuestionAnswering");
                var spans = Linear("/qa_outputs", hidden, "qa_outputs", c.HiddenSize, 2, underBase: false);
                g.Output(g.Node("Gather", "/qa_outputs/start", [spans, g.Int64s("/qa_outputs/zero", [0])], Int("axis", 2)), "start_logits", Batch, Sequence);
                g.Output(g.Node("Gather", "/qa_outputs/end", [spans, g.Int64s("/qa_outputs/one", [1])], Int("axis", 2)), "end_logits", Batch, Sequence);
                break;
            case EncoderHead.MaskedLM:
                var vocabulary = w.ShapeOf(w.BasePrefix + "embeddings.word_embeddings.weight")![0];
                g.Output(MaskedLanguageModel(hidden, folder, vocabulary), "logits", Batch, Sequence, vocabulary);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(head), head, "Unknown encoder head.");
        }
    }

    private string ClassifierName() => c.HasRobertaHeads ? "classifier.out_proj" : "classifier";

    private int Labels(string prefix) => checked((int)w.ShapeOf(prefix + ".weight")![0]);

    private string RequireHead(string folder, string prefix, string what, string task, string suffix)
    {
        if (!w.Has(prefix + ".weight"))
        {
            throw new ModelLoadException($"'{folder}' has no {what} head ({prefix}.weight missing); use a checkpoint fine-tuned for {task} ({c.FamilyName}For{suffix}).");
        }

        return prefix;
    }

    private string SequenceClassifier(string hidden, int labels)
    {
        var first = g.Node("Gather", "/pooler/Gather", [hidden, g.Int64s("/pooler/first", [0])], Int("axis", 1));
        if (c.HasRobertaHeads)
        {
            var dense = g.Node("Tanh", "/classifier/Tanh", [Linear("/classifier/dense", first, "classifier.dense", c.HiddenSize, c.HiddenSize, underBase: false)]);
            return Linear("/classifier/out_proj", dense, "classifier.out_proj", c.HiddenSize, labels, underBase: false);
        }

        if (c.IsDistilBert)
        {
            var pre = g.Node("Relu", "/pre_classifier/Relu", [Linear("/pre_classifier", first, "pre_classifier", c.HiddenSize, c.HiddenSize, underBase: false)]);
            return Linear("/classifier", pre, "classifier", c.HiddenSize, labels, underBase: false);
        }

        var pooled = g.Node("Tanh", "/pooler/Tanh", [Linear("/pooler/dense", first, "pooler.dense", c.HiddenSize, c.HiddenSize)]);
        return Linear("/classifier", pooled, "classifier", c.HiddenSize, labels, underBase: false);
    }

    private (string Dense, string Norm, string Decoder, string Bias, string Activation, float Eps) MaskedLmNames() => c.IsDistilBert
        ? ("vocab_transform", "vocab_layer_norm", "vocab_projector.weight", "vocab_projector.bias", c.Activation, 1e-12f)
        : c.HasRobertaHeads
            ? ("lm_head.dense", "lm_head.layer_norm", "lm_head.decoder.weight", "lm_head.bias", "gelu", c.LayerNormEps)
            : ("cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm", "cls.predictions.decoder.weight", "cls.predictions.bias", c.Activation, c.LayerNormEps);

    /// <summary>The masked-LM head: transform (dense, activation, LayerNorm), then the decoder, tied to the word embeddings when its weight is absent.</summary>
    private string MaskedLanguageModel(string hidden, string folder, long vocabulary)
    {
        var (dense, norm, decoder, bias, activation, eps) = MaskedLmNames();
        RequireHead(folder, dense, "masked-language-model", "fill-mask", "MaskedLM");
        var x = Linear("/lm_head/dense", hidden, dense, c.HiddenSize, c.HiddenSize, underBase: false);
        x = EncoderActivation.Write(g, "/lm_head/act", x, activation);
        x = LayerNorm("/lm_head/layer_norm", x, norm, underBase: false, eps: eps);
        var tied = !w.Has(decoder);
        var table = tied ? w.ReadBase("embeddings.word_embeddings.weight", vocabulary, c.HiddenSize) : w.Read(decoder, vocabulary, c.HiddenSize);
        var weight = g.Weight(tied ? "lm_head.decoder.weight.tied" : decoder, Transposed(table, (int)vocabulary, c.HiddenSize), c.HiddenSize, vocabulary);
        var biasName = w.Has(bias) ? bias : decoder[..^"weight".Length] + "bias";
        var values = w.Has(biasName) ? w.Read(biasName, vocabulary) : new float[vocabulary];
        var logits = g.Node("MatMul", "/lm_head/decoder/MatMul", [x, weight]);
        return g.Node("Add", "/lm_head/decoder/Add", [logits, g.Weight(biasName, values, vocabulary)]);
    }
}
