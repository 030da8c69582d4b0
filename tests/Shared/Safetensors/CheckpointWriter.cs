using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Safetensors;

namespace HfPipelines.Testing.Safetensors;

/// <summary>
/// Writes safetensors checkpoints for tests: a fixture's base model re-saved under its task class's names (the base
/// prefix <c>bert.</c>/<c>roberta.</c>/<c>distilbert.</c>) with seeded random head weights added, as
/// <c>save_pretrained</c> lays out <c>BertForTokenClassification</c> and the rest; tokenizer files copied.
/// </summary>
internal static class CheckpointWriter
{
    /// <summary>
    /// Copies a base checkpoint folder (<c>BertModel</c>, <c>RobertaModel</c>, <c>DistilBertModel</c>) into
    /// <paramref name="target"/> as the task class of <paramref name="head"/>: base tensors prefixed, head tensors added
    /// (seeded, scale 0.5), config.json with the class name, <paramref name="labels"/> as id2label/label2id, and an
    /// optional model_type override (<c>xlm-roberta</c> over a RoBERTa checkpoint).
    /// </summary>
    public static string WithHead(string baseFolder, string target, EncoderHead head, IReadOnlyList<string>? labels = null, string? modelType = null, int seed = 1)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(baseFolder).Where(f => Path.GetFileName(f) is not ("model.safetensors" or "config.json")))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(baseFolder, "config.json")))!.AsObject();
        var family = (string)config["model_type"]!;
        var prefix = family == "distilbert" ? "distilbert" : family is "roberta" or "xlm-roberta" ? "roberta" : "bert";
        var hidden = (long)(config["hidden_size"] ?? config["dim"])!.GetValue<int>();
        var vocab = (long)config["vocab_size"]!.GetValue<int>();
        var tensors = SafetensorsWriter.ReadAll(Path.Combine(baseFolder, "model.safetensors"));
        if (head != EncoderHead.BaseModel)
        {
            tensors = tensors
                .Where(p => !(prefix == "roberta" && p.Key.StartsWith("pooler.", StringComparison.Ordinal)))
                .ToDictionary(p => prefix + "." + p.Key, p => p.Value);
        }

        var random = new Random(seed);
        void Add(string name, params long[] shape) =>
            tensors[name] = (shape, [.. Enumerable.Range(0, (int)shape.Aggregate(1L, (a, d) => a * d)).Select(_ => (float)(random.NextDouble() - 0.5))]);
        var count = labels?.Count ?? 2;
        switch (head, prefix)
        {
            case (EncoderHead.SequenceClassification, "bert"):
                Add("classifier.weight", count, hidden); Add("classifier.bias", count);
                break;
            case (EncoderHead.SequenceClassification, "roberta"):
                Add("classifier.dense.weight", hidden, hidden); Add("classifier.dense.bias", hidden);
                Add("classifier.out_proj.weight", count, hidden); Add("classifier.out_proj.bias", count);
                break;
            case (EncoderHead.SequenceClassification, "distilbert"):
                Add("pre_classifier.weight", hidden, hidden); Add("pre_classifier.bias", hidden);
                Add("classifier.weight", count, hidden); Add("classifier.bias", count);
                break;
            case (EncoderHead.TokenClassification, _):
                Add("classifier.weight", count, hidden); Add("classifier.bias", count);
                break;
            case (EncoderHead.QuestionAnswering, _):
                Add("qa_outputs.weight", 2, hidden); Add("qa_outputs.bias", 2);
                break;
            case (EncoderHead.MaskedLM, "bert"):
                Add("cls.predictions.transform.dense.weight", hidden, hidden); Add("cls.predictions.transform.dense.bias", hidden);
                Add("cls.predictions.transform.LayerNorm.weight", hidden); Add("cls.predictions.transform.LayerNorm.bias", hidden);
                Add("cls.predictions.bias", vocab);
                break;
            case (EncoderHead.MaskedLM, "roberta"):
                Add("lm_head.dense.weight", hidden, hidden); Add("lm_head.dense.bias", hidden);
                Add("lm_head.layer_norm.weight", hidden); Add("lm_head.layer_norm.bias", hidden);
                Add("lm_head.bias", vocab);
                break;
            case (EncoderHead.MaskedLM, "distilbert"):
                Add("vocab_transform.weight", hidden, hidden); Add("vocab_transform.bias", hidden);
                Add("vocab_layer_norm.weight", hidden); Add("vocab_layer_norm.bias", hidden);
                Add("vocab_projector.bias", vocab);
                break;
        }

        SafetensorsWriter.Write(Path.Combine(target, "model.safetensors"), tensors);
        var className = modelType == "xlm-roberta" || family == "xlm-roberta" ? "XLMRoberta"
            : family switch { "distilbert" => "DistilBert", "roberta" => "Roberta", _ => "Bert" };
        config["architectures"] = new JsonArray(className + head switch
        {
            EncoderHead.BaseModel => "Model",
            EncoderHead.SequenceClassification => "ForSequenceClassification",
            EncoderHead.TokenClassification => "ForTokenClassification",
            EncoderHead.QuestionAnswering => "ForQuestionAnswering",
            _ => "ForMaskedLM",
        });
        if (modelType is not null)
        {
            config["model_type"] = modelType;
        }

        if (labels is not null)
        {
            config["id2label"] = new JsonObject(labels.Select((l, i) => KeyValuePair.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)l)));
            config["label2id"] = new JsonObject(labels.Select((l, i) => KeyValuePair.Create(l, (JsonNode?)i)));
        }

        File.WriteAllText(Path.Combine(target, "config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return target;
    }
}
