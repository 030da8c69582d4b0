using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>summarization: <c>{inputs, parameters: {generate_parameters: {...}}}</c> -> <c>[{summary_text}]</c>.</summary>
internal sealed class RemoteSummarization() : RemoteTask<string, SummarizationOptions, SummarizationResult>(PipelineTasks.Summarization)
{
    public override async Task<SummarizationResult> RunAsync(RemoteCall call, string input, SummarizationOptions options, CancellationToken cancellationToken)
    {
        var generate = GenerateParameters(options.MinLength, options.MaxLength, options.MaxNewTokens, options.NumBeams);
        var body = new JsonObject { ["inputs"] = Text(input) };
        if (generate.Count > 0)
        {
            body["parameters"] = new JsonObject { ["generate_parameters"] = generate };
        }

        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), body, Task, cancellationToken).ConfigureAwait(false);
        return new SummarizationResult(RemoteJson.FirstText(answer, "summary_text", Task));
    }

    public static JsonObject GenerateParameters(int? minLength, int? maxLength, int? maxNewTokens, int? numBeams)
    {
        var generate = new JsonObject();
        Add(generate, "min_length", minLength);
        Add(generate, "max_length", maxLength);
        Add(generate, "max_new_tokens", maxNewTokens);
        Add(generate, "num_beams", numBeams);
        return generate;
    }

    private static void Add(JsonObject target, string name, int? value)
    {
        if (value is { } set)
        {
            target[name] = set >= 0 ? set : throw new InvalidPipelineInputException($"{name} must not be negative, got {set}.");
        }
    }
}
