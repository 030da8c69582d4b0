using System.Text.Json;
using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>
/// zero-shot-classification: <c>{inputs, parameters: {candidate_labels, multi_label, hypothesis_template}}</c>; the
/// router answers <c>[{label, score}]</c>, older servers <c>{sequence, labels, scores}</c>; both become our result.
/// </summary>
internal sealed class RemoteZeroShotClassification() : RemoteTask<string, ZeroShotClassificationOptions, ZeroShotClassificationResult>(PipelineTasks.ZeroShotClassification)
{
    public override async Task<ZeroShotClassificationResult> RunAsync(RemoteCall call, string input, ZeroShotClassificationOptions options, CancellationToken cancellationToken)
    {
        var text = Text(input);
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(text, options), Task, cancellationToken).ConfigureAwait(false);
        return Parse(answer, text);
    }

    public static JsonObject Body(string text, ZeroShotClassificationOptions options)
    {
        var labels = options.CandidateLabels.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (labels.Count == 0)
        {
            throw new InvalidPipelineInputException("zero-shot-classification needs at least one candidate label; set ZeroShotClassificationOptions.CandidateLabels.");
        }

        var template = options.HypothesisTemplate ?? ZeroShotClassificationOptions.NliHypothesisTemplate;
        if (!template.Contains("{}", StringComparison.Ordinal))
        {
            throw new InvalidPipelineInputException($"The hypothesis template must contain '{{}}' where the label goes, got '{options.HypothesisTemplate}'.");
        }

        return new JsonObject
        {
            ["inputs"] = text,
            ["parameters"] = new JsonObject
            {
                ["candidate_labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
                ["multi_label"] = options.MultiLabel,
                ["hypothesis_template"] = template,
            },
        };
    }

    public static ZeroShotClassificationResult Parse(JsonElement answer, string text)
    {
        const string task = PipelineTasks.ZeroShotClassification;
        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("labels", out var labels) && answer.TryGetProperty("scores", out var scores))
        {
            var names = labels.EnumerateArray().Select(l => l.GetString() ?? string.Empty).ToList();
            var values = RemoteJson.Vector(scores, task);
            if (names.Count != values.Length)
            {
                throw RemoteJson.Shape(task, "as many scores as labels", answer);
            }

            var pairs = names.Zip(values).OrderByDescending(p => p.Second).ToList();
            return new ZeroShotClassificationResult(RemoteJson.OptionalString(answer, "sequence") ?? text, [.. pairs.Select(p => p.First)], [.. pairs.Select(p => p.Second)]);
        }

        var ranked = RemoteJson.Labels(answer, task, null);
        return new ZeroShotClassificationResult(text, [.. ranked.Select(l => l.Label)], [.. ranked.Select(l => l.Score)]);
    }
}
