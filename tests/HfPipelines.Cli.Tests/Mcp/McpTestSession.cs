using System.IO.Pipes;
using HfPipelines.Pipelines;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HfPipelines.Cli.Tests.Mcp;

/// <summary>
/// <c>hfp mcp</c> running in-process over two anonymous pipes (its stdin and stdout), with a client connected to it
/// (<see cref="Client"/>) or, for raw JSON-RPC, the pipe ends themselves (<see cref="ToServer"/>, <see cref="FromServer"/>).
/// Disposing closes the server's input and returns when the server has exited.
/// </summary>
internal sealed class McpTestSession : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _toServer = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _fromServer = new(PipeDirection.In);
    private readonly AnonymousPipeClientStream _serverIn;
    private readonly AnonymousPipeClientStream _serverOut;

    private McpTestSession(IPipelineProvider provider, params string[] extraArgs)
    {
        _serverIn = new AnonymousPipeClientStream(PipeDirection.In, _toServer.ClientSafePipeHandle);
        _serverOut = new AnonymousPipeClientStream(PipeDirection.Out, _fromServer.ClientSafePipeHandle);
        var context = new CliContext(Stdout, Stderr)
        {
            PipelineProviderFactory = () => provider,
            OpenStandardInput = () => _serverIn,
            OpenStandardOutput = () => _serverOut,
        };
        Server = CliApp.RunAsync(["mcp", .. extraArgs], context);
    }

    /// <summary>The server's exit code, once its input is closed.</summary>
    public Task<int> Server { get; }

    public StringWriter Stdout { get; } = new();

    public StringWriter Stderr { get; } = new();

    public Stream ToServer => _toServer;

    public Stream FromServer => _fromServer;

    public McpClient? Client { get; private set; }

    /// <summary>Starts the server without a client (raw JSON-RPC through <see cref="ToServer"/> and <see cref="FromServer"/>).</summary>
    public static McpTestSession StartRaw(IPipelineProvider provider, params string[] extraArgs) => new(provider, extraArgs);

    /// <summary>Starts the server and connects a client (the MCP handshake is done).</summary>
    public static async Task<McpTestSession> StartAsync(IPipelineProvider provider)
    {
        var session = new McpTestSession(provider);
        session.Client = await McpClient.CreateAsync(new StreamClientTransport(session._toServer, session._fromServer));
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        _toServer.Dispose();
        await Server;
        _fromServer.Dispose();
        _serverIn.Dispose();
        _serverOut.Dispose();
        Stdout.Dispose();
        Stderr.Dispose();
    }
}
