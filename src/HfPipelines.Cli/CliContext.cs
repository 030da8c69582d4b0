using HfPipelines.Pipelines;
using Microsoft.Extensions.AI;

namespace HfPipelines.Cli;

/// <summary>What every command shares: the output writers (tests give their own) and the seams tests replace.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error)
{
    /// <summary>Standard input as text (interactive chat).</summary>
    public TextReader In { get; init; } = Console.In;

    /// <summary>Opens standard input as bytes (the MCP server reads JSON-RPC from it).</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>Opens standard output as bytes (the MCP server writes JSON-RPC to it).</summary>
    public Func<Stream> OpenStandardOutput { get; init; } = Console.OpenStandardOutput;

    /// <summary>The tasks <c>hfp</c> offers (by default the built-in ones): every task without a hand-written command
    /// gets a generic one, and <c>tasks</c>, <c>bench</c>, <c>serve</c> and <c>mcp</c> know it.</summary>
    public PipelineTaskCatalog Tasks { get; init; } = PipelineTaskCatalog.Default;

    /// <summary>
    /// Creates the pipeline provider the chat, workflow and MCP commands use (the caller owns and disposes it).
    /// Null until the application wires the real one; tests give a fake.
    /// </summary>
    public Func<IPipelineProvider>? PipelineProviderFactory { get; init; }

    /// <summary>
    /// Creates the chat model from <c>--model REF</c> or <c>--endpoint URL</c> (either may be null: the default model)
    /// and the Jinja text of <c>--chat-template</c> (null: the model's own).
    /// The caller owns and disposes the client. Null until the application wires the real one; tests give a fake.
    /// </summary>
    public Func<string?, string?, string?, CancellationToken, Task<IChatClient>>? ChatClientFactory { get; init; }

    /// <summary>
    /// Creates the pipeline provider for a task command's <c>--backend</c>, <c>--endpoint</c> and <c>--endpoint-kind</c>
    /// (any may be null). Null: task commands use <see cref="PipelineProviderFactory"/>, which tests replace.
    /// </summary>
    public Func<string?, string?, string?, IPipelineProvider>? BackendProviderFactory { get; init; }

    /// <summary>Creates the provider for a backend choice (falls back to <see cref="CreatePipelineProvider()"/>).</summary>
    /// <param name="backend">The <c>--backend</c> value or null.</param>
    /// <param name="endpoint">The <c>--endpoint</c> value or null.</param>
    /// <param name="endpointKind">The <c>--endpoint-kind</c> value or null.</param>
    /// <returns>The provider; dispose it if it is disposable.</returns>
    public IPipelineProvider CreatePipelineProvider(string? backend, string? endpoint, string? endpointKind) =>
        BackendProviderFactory is { } factory && (backend ?? endpoint ?? endpointKind) is not null
            ? factory(backend, endpoint, endpointKind)
            : CreatePipelineProvider();

    /// <summary>The Hub and cache settings of commands that read model files themselves (tokenize, chat-template).</summary>
    public Func<HfPipelines.Hub.HubOptions> HubOptionsFactory { get; init; } = HfPipelines.Hub.HubOptions.FromEnvironment;

    /// <summary>Writes a one-line notice (what a slow step waits for) to <see cref="Error"/> as <c>hfp: ...</c>; safe from any thread.</summary>
    /// <param name="line">The notice.</param>
    public void WriteNotice(string line)
    {
        lock (Error)
        {
            Error.WriteLine("hfp: " + line);
        }
    }

    /// <summary>Resolves a model reference to a folder or file on disk: a local path as is, else through the Hub store
    /// (cache first, then a download of the files matching <paramref name="patterns"/>).</summary>
    /// <param name="reference">The model reference.</param>
    /// <param name="patterns">File globs to fetch when downloading; null for the default selection.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The local path.</returns>
    public async Task<string> ResolveModelPathAsync(string reference, IReadOnlyList<string>? patterns, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(reference) || File.Exists(reference))
        {
            return reference;
        }

        var options = HubOptionsFactory();
        options.WaitNotice ??= WriteNotice;
        using var store = new HfPipelines.Hub.ModelStore(options);
        var resolved = await store.ResolveAsync(reference, new HfPipelines.Hub.ModelResolveOptions { AllowPatterns = patterns }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return resolved.Path;
    }

    /// <summary>Creates the pipeline provider, or says that none is configured.</summary>
    /// <returns>The provider; dispose it if it is disposable.</returns>
    public IPipelineProvider CreatePipelineProvider() =>
        PipelineProviderFactory?.Invoke()
        ?? throw new HfPipelinesException("No pipeline provider is configured in this build of hfp (CliContext.PipelineProviderFactory).");

    /// <summary>Creates the chat model, or says that none is configured.</summary>
    /// <param name="model">The <c>--model</c> value or null.</param>
    /// <param name="endpoint">The <c>--endpoint</c> value or null.</param>
    /// <param name="cancellationToken">Cancels resolving and loading the model.</param>
    /// <returns>The client; the caller disposes it.</returns>
    public Task<IChatClient> CreateChatClientAsync(string? model, string? endpoint, CancellationToken cancellationToken = default) =>
        CreateChatClientAsync(model, endpoint, null, cancellationToken);

    /// <summary>Creates the chat model with a chat template of the user's, or says that none is configured.</summary>
    /// <param name="model">The <c>--model</c> value or null.</param>
    /// <param name="endpoint">The <c>--endpoint</c> value or null.</param>
    /// <param name="chatTemplate">The <c>--chat-template</c> value (a Jinja file or a shipped name) or null.</param>
    /// <param name="cancellationToken">Cancels resolving and loading the model.</param>
    /// <returns>The client; the caller disposes it.</returns>
    public async Task<IChatClient> CreateChatClientAsync(string? model, string? endpoint, string? chatTemplate, CancellationToken cancellationToken = default)
    {
        if (model is not null && endpoint is not null)
        {
            throw new HfPipelinesException("Give either --model or --endpoint, not both.");
        }

        var factory = ChatClientFactory
            ?? throw new HfPipelinesException("No chat model is configured in this build of hfp (CliContext.ChatClientFactory).");
        var template = chatTemplate is null ? null : HfPipelines.ChatTemplates.KnownChatTemplates.Resolve(chatTemplate);
        return await factory(model, endpoint, template, cancellationToken).ConfigureAwait(false);
    }
}
