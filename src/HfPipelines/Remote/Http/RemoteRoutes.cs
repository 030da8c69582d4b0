using HfPipelines.Tasks;

namespace HfPipelines.Remote.Http;

/// <summary>The URL of each task and of chat for the configured server kind.</summary>
internal sealed class RemoteRoutes
{
    private readonly RemoteInferenceOptions _options;
    private readonly string _base;

    public RemoteRoutes(RemoteInferenceOptions options)
    {
        _options = options;
        _base = options.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public RemoteEndpointKind Kind => _options.Kind;

    public Uri Task(string task, string? model)
    {
        switch (_options.Kind)
        {
            case RemoteEndpointKind.Router:
                var route = $"{_base}/{_options.Provider}/models/{RequireModel(model, task)}";
                return new Uri(task is PipelineTaskNames.FeatureExtraction or PipelineTaskNames.SentenceSimilarity ? $"{route}/pipeline/{task}" : route);
            case RemoteEndpointKind.TextEmbeddingsInference when task == PipelineTasks.FeatureExtraction:
                return new Uri($"{_base}/embed");
            case RemoteEndpointKind.TextEmbeddingsInference when task == PipelineTasks.SentenceSimilarity:
                return new Uri($"{_base}/similarity");
            case RemoteEndpointKind.OpenAICompatible when task == PipelineTasks.FeatureExtraction:
                return new Uri($"{V1}/embeddings");
            case RemoteEndpointKind.OpenAICompatible:
                throw new RemoteInferenceException(
                    $"An OpenAI-compatible server offers chat, text-generation and feature-extraction only, not {task}. Use a router or Inference Endpoint URL for {task}.")
                { Host = _options.BaseUrl.Authority };
            default:
                return new Uri(_base);
        }
    }

    public Uri Chat => new($"{V1}/chat/completions");

    private string V1 => _base.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? _base : $"{_base}/v1";

    private static string RequireModel(string? model, string task)
    {
        if (string.IsNullOrWhiteSpace(model) || model.Contains("..", StringComparison.Ordinal) || model.Any(c => char.IsWhiteSpace(c) || c is '?' or '#'))
        {
            // Not an input error: a fallback may still serve the task locally with its default model.
            throw new RemoteInferenceException(
                $"The router needs a Hub model id such as 'org/name' for {task}, got '{model}'. Pass the model, or use RemoteInferenceOptions.ForEndpoint for a dedicated endpoint.");
        }

        return model.Trim();
    }
}
