using Microsoft.Extensions.AI;

namespace HfPipelines.Cli.Serve.Chat;

/// <summary>An OpenAI-style <c>/v1/chat/completions</c> request as Microsoft.Extensions.AI types.</summary>
/// <param name="Model">The requested model, or null.</param>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">Sampling, stop sequences, tools (as <see cref="AIFunctionDeclaration"/>s), tool mode, response format.</param>
/// <param name="Stream">True for server-sent events.</param>
/// <param name="IncludeUsage">True when the stream should end with a usage chunk.</param>
internal sealed record ChatCompletionRequest(string? Model, IList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage);
