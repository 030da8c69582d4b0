namespace HfPipelines.Cli.Serve.Chat;

/// <summary>Completion ids in OpenAI's form (<c>chatcmpl-...</c>).</summary>
internal static class ChatIds
{
    public static string New() => $"chatcmpl-{Guid.NewGuid():N}";
}
