using HfPipelines.Fallback;
using HfPipelines.Pipelines;
using HfPipelines.Remote;
using Microsoft.Extensions.AI;

namespace HfPipelines.Tests.Fallback;

public sealed class FallbackChatClientTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "hi")];

    private static Func<CancellationToken, ValueTask<IChatClient>> Loads(IChatClient client) => _ => ValueTask.FromResult(client);

    [Fact]
    public async Task GetResponseAsync_RemoteFails_LocalAnswers()
    {
        var local = new FakeChatClient(BackendNames.Local, "from local");
        var remote = new FakeChatClient(BackendNames.Remote, "from remote", failBefore: new RemoteCircuitOpenException("open"));
        using var chat = new FallbackChatClient(FallbackPolicy.RemoteThenLocal, Loads(local), remote);

        var response = await chat.GetResponseAsync(Hi);

        Assert.Equal("from local", response.Text);
        Assert.Equal(BackendNames.Local, chat.Backend);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsBeforeFirstUpdate_FallsBack()
    {
        var local = new FakeChatClient(BackendNames.Local, "local", failBefore: new ModelLoadException("no gguf"));
        var remote = new FakeChatClient(BackendNames.Remote, "remote");
        using var chat = new FallbackChatClient(FallbackPolicy.LocalThenRemote, Loads(local), remote);

        var text = "";
        await foreach (var update in chat.GetStreamingResponseAsync(Hi))
        {
            text += update.Text;
        }

        Assert.Equal("remote!", text);
        Assert.Equal(BackendNames.Remote, chat.Backend);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsAfterFirstUpdate_ErrorReachesCaller()
    {
        var local = new FakeChatClient(BackendNames.Local, "local", failAfterFirst: new InvalidOperationException("native crash"));
        var remote = new FakeChatClient(BackendNames.Remote, "remote");
        using var chat = new FallbackChatClient(FallbackPolicy.LocalThenRemote, Loads(local), remote);
        var text = "";

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync(Hi))
            {
                text += update.Text;
            }
        });

        Assert.Equal("local", text);
        Assert.Equal(0, remote.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_BothFail_ThrowsAllBackendsFailed()
    {
        var local = new FakeChatClient(BackendNames.Local, "", failBefore: new ModelLoadException("no model"));
        var remote = new FakeChatClient(BackendNames.Remote, "", failBefore: new RemoteInferenceException("401"));
        using var chat = new FallbackChatClient(FallbackPolicy.LocalThenRemote, Loads(local), remote);

        var error = await Assert.ThrowsAsync<AllBackendsFailedException>(() => chat.GetResponseAsync(Hi));

        Assert.Equal(2, error.Errors.Count);
    }
}
