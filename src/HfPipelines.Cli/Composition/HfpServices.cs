using HfPipelines.Composition;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Composition;

/// <summary>
/// What <c>hfp</c> runs on: the local backends behind the Hub store (ONNX Runtime, llama.cpp, GenAI), and the
/// remote backend chosen by <c>--backend</c> / <c>--endpoint</c> (or the environment: HF_TOKEN,
/// HF_INFERENCE_ENDPOINT) with the fallback policy between them.
/// </summary>
internal static class HfpServices
{
    /// <summary>The pipeline provider for a backend choice; the caller disposes it.</summary>
    public static IPipelineProvider CreateProvider(string? backend = null, string? endpoint = null, string? endpointKind = null) =>
        Pipeline.CreateProvider(Commands.BackendOptionTexts.Resolve(backend, endpoint, endpointKind), CliBackends.Create(), HubOptionsWithNotices());

    /// <summary>The Hub settings from the environment; a resolve that waits more than a couple of seconds says why on stderr.</summary>
    public static HubOptions HubOptionsWithNotices()
    {
        var options = HubOptions.FromEnvironment();
        options.WaitNotice = line => Console.Error.WriteLine("hfp: " + line);
        return options;
    }

    /// <summary>A chat model: <c>--endpoint</c> (any OpenAI-compatible server), or a local GGUF / GenAI model, or the
    /// Hugging Face router when HF_TOKEN is set. <paramref name="chatTemplate"/> (Jinja text, <c>--chat-template</c>)
    /// replaces a local model's own template; a remote server formats chat itself, so it refuses one.</summary>
    public static async Task<IChatClient> CreateChatClientAsync(string? model, string? endpoint, string? chatTemplate, CancellationToken cancellationToken)
    {
        if (endpoint is not null && chatTemplate is not null)
        {
            throw new HfPipelinesException("--chat-template applies to a local model (--model); an --endpoint server formats chat with its own template.");
        }

        if (endpoint is not null)
        {
            var options = RemoteInferenceOptions.ForEndpoint(RemoteInferenceOptions.ParseUrl(endpoint, "--endpoint"), RemoteEndpointKind.OpenAICompatible);
            return new RemoteChatClient(options, model);
        }

        if (model is null)
        {
            throw new HfPipelinesException("Give a chat model: --model path/to/model.gguf (or org/name:file.gguf, or a GenAI folder), or --endpoint URL of an OpenAI-compatible server.");
        }

        using var store = new ModelStore(HubOptionsWithNotices());
        try
        {
            var local = await LocalChatClients.TryCreateAsync(store, CliBackends.Create(threads: null, chatTemplate), model, cancellationToken).ConfigureAwait(false);
            if (local is not null)
            {
                return local;
            }
        }
        catch (ModelNotFoundException) when (RemoteInferenceOptions.FromEnvironment().Token is not null)
        {
            // Not on this machine: the router serves it with the user's token.
        }

        var router = RemoteInferenceOptions.FromEnvironment();
        return router.Token is not null
            ? new RemoteChatClient(router, model)
            : throw new HfPipelinesException($"'{model}' is not a local chat model (GGUF or GenAI folder). Pull one (hfp models pull org/name:file.gguf), or set HF_TOKEN to use the Hugging Face router.");
    }
}
