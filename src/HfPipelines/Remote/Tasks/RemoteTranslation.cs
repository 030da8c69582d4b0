using System.Text.Json.Nodes;
using HfPipelines.Remote.Http;
using HfPipelines.Tasks;

namespace HfPipelines.Remote.Tasks;

/// <summary>translation: <c>{inputs, parameters: {src_lang, tgt_lang, generate_parameters}}</c> -> <c>[{translation_text}]</c>.</summary>
internal sealed class RemoteTranslation() : RemoteTask<string, TranslationOptions, TranslationResult>(PipelineTasks.Translation)
{
    public override async Task<TranslationResult> RunAsync(RemoteCall call, string input, TranslationOptions options, CancellationToken cancellationToken)
    {
        var answer = await call.Client.PostJsonAsync(call.Routes.Task(Task, call.Model), Body(Text(input), options), Task, cancellationToken).ConfigureAwait(false);
        return new TranslationResult(RemoteJson.FirstText(answer, "translation_text", Task));
    }

    public static JsonObject Body(string text, TranslationOptions options)
    {
        var parameters = new JsonObject();
        if (options.SourceLanguage is { } source)
        {
            parameters["src_lang"] = source;
        }

        if (options.TargetLanguage is { } target)
        {
            parameters["tgt_lang"] = target;
        }

        var generate = RemoteSummarization.GenerateParameters(null, options.MaxLength, options.MaxNewTokens, options.NumBeams);
        if (generate.Count > 0)
        {
            parameters["generate_parameters"] = generate;
        }

        var body = new JsonObject { ["inputs"] = text };
        if (parameters.Count > 0)
        {
            body["parameters"] = parameters;
        }

        return body;
    }
}
