using System.CommandLine;
using HfPipelines.ChatTemplates;

namespace HfPipelines.Cli.Commands;

/// <summary><c>--chat-template FILE|NAME</c>: the chat template for a local model that has none (or to replace its own).</summary>
internal static class ChatTemplateOption
{
    public static Option<string?> Create() => new("--chat-template")
    {
        Description = $"A chat template for a local model: a Jinja file, or one of {string.Join(", ", KnownChatTemplates.Names)} (default: the model's own).",
    };
}
