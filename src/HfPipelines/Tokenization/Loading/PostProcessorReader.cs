using System.Text.Json.Nodes;
using HfPipelines.Tokenization.Processors;

namespace HfPipelines.Tokenization.Loading;

/// <summary>Reads the <c>post_processor</c> section of a tokenizer.json.</summary>
internal sealed class PostProcessorReader(JsonFields fields)
{
    public IPostProcessor Read(JsonNode? node, string path)
    {
        if (node is null)
        {
            return new DefaultPostProcessor();
        }

        var obj = fields.Object(node, path);
        var type = fields.OptionalString(obj, "type", path);
        return type switch
        {
            "TemplateProcessing" => Template(obj, path),
            "BertProcessing" => TemplatePostProcessor.Bert(Pair(obj, "cls", path), Pair(obj, "sep", path)),
            "RobertaProcessing" => Roberta(obj, path),
            "ByteLevel" => fields.Bool(obj, "trim_offsets", path, true)
                ? new TrimOffsetsPostProcessor(new DefaultPostProcessor(), fields.Bool(obj, "add_prefix_space", path, true))
                : new DefaultPostProcessor(),
            "Sequence" => new SequencePostProcessor(
                [.. fields.Array(obj["processors"], $"{path}.processors").Select((p, i) => Read(p, $"{path}.processors[{i}]"))]),
            _ => throw fields.Unsupported(path, type, "TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence"),
        };
    }

    private IPostProcessor Roberta(JsonObject obj, string path)
    {
        var roberta = TemplatePostProcessor.Roberta(Pair(obj, "cls", path), Pair(obj, "sep", path));
        return fields.Bool(obj, "trim_offsets", path, true)
            ? new TrimOffsetsPostProcessor(roberta, fields.Bool(obj, "add_prefix_space", path, true))
            : roberta;
    }

    private (string, int) Pair(JsonObject obj, string name, string path)
    {
        var pair = fields.Array(obj[name], $"{path}.{name}");
        return (fields.AsString(pair.Count > 0 ? pair[0] : null, $"{path}.{name}[0]"), fields.AsInt(pair.Count > 1 ? pair[1] : null, $"{path}.{name}[1]"));
    }

    private TemplatePostProcessor Template(JsonObject obj, string path)
    {
        var specials = new Dictionary<string, (int[], string[])>(StringComparer.Ordinal);
        if (obj["special_tokens"] is JsonObject tokens)
        {
            foreach (var (name, value) in tokens)
            {
                var p = $"{path}.special_tokens.{name}";
                var token = fields.Object(value, p);
                specials[name] = (
                    [.. fields.Array(token["ids"], $"{p}.ids").Select((n, i) => fields.AsInt(n, $"{p}.ids[{i}]"))],
                    [.. fields.Array(token["tokens"], $"{p}.tokens").Select((n, i) => fields.AsString(n, $"{p}.tokens[{i}]"))]);
            }
        }

        var single = Pieces(obj["single"], $"{path}.single", specials);
        var pair = obj["pair"] is null ? single : Pieces(obj["pair"], $"{path}.pair", specials);
        return new TemplatePostProcessor(single, pair, specials);
    }

    private List<TemplatePiece> Pieces(JsonNode? node, string path, Dictionary<string, (int[], string[])> specials)
    {
        var result = new List<TemplatePiece>();
        var array = fields.Array(node, path);
        for (var i = 0; i < array.Count; i++)
        {
            var p = $"{path}[{i}]";
            var item = fields.Object(array[i], p);
            if (item["Sequence"] is JsonObject sequence)
            {
                var id = fields.String(sequence, "id", $"{p}.Sequence");
                result.Add(new TemplatePiece(true, id == "B" ? "B" : "A", fields.Int(sequence, "type_id", $"{p}.Sequence", 0)));
            }
            else if (item["SpecialToken"] is JsonObject special)
            {
                var id = fields.String(special, "id", $"{p}.SpecialToken");
                if (!specials.ContainsKey(id))
                {
                    throw TokenizerLoadException.ForField(fields.File, $"{p}.SpecialToken.id", $"names '{id}', which special_tokens does not define");
                }

                result.Add(new TemplatePiece(false, id, fields.Int(special, "type_id", $"{p}.SpecialToken", 0)));
            }
            else
            {
                throw TokenizerLoadException.ForField(fields.File, p, "must hold a Sequence or a SpecialToken");
            }
        }

        return result;
    }
}
