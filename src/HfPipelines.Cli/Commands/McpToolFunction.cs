using HfPipelines.SemanticKernel;
using Microsoft.Extensions.AI;
using ModelContextProtocol;

namespace HfPipelines.Cli.Commands;

/// <summary>
/// A plugin function as an MCP tool: arguments are checked against its schema first (<see cref="McpToolArguments"/>),
/// and typed HfPipelines errors travel to the client with their message (the MCP server sends only a generic
/// "An error occurred" for other exceptions, and so hides what was wrong and how to fix it).
/// </summary>
internal sealed class McpToolFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    /// <summary>Wraps every function of <see cref="HfPipelinesAIFunctions.Create(HfPipelines.Pipelines.IPipelineProvider, HfPipelinesOptions?)"/>.</summary>
    public static IEnumerable<AIFunction> Wrap(IEnumerable<AIFunction> functions) => functions.Select(f => new McpToolFunction(f));

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        if (McpToolArguments.Check(InnerFunction, arguments) is { } problem)
        {
            throw new McpException(problem);
        }

        try
        {
            return await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (HfPipelinesException ex)
        {
            throw new McpException(ex.Message, ex);
        }
    }
}
