using HfPipelines.Testing;
using System.Text.Json.Nodes;
using CsCheck;
using HfPipelines.ChatTemplates;

namespace HfPipelines.Tests.ChatTemplates;

/// <summary>Random templates never crash the process: they parse and render, or fail with a <see cref="ChatTemplateException"/>.</summary>
public sealed class ChatTemplateFuzzTests
{
    private static readonly string[] s_pieces =
    [
        "{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}", " ", "\n", "if", "elif", "else", "endif", "for", "in",
        "endfor", "set", "endset", "macro", "endmacro", "call", "endcall", "filter", "endfilter", "break", "continue", "not",
        "and", "or", "is", "defined", "none", "true", "x", "loop", "messages", "m", "ns", "namespace(", "range(", "caller(",
        "raise_exception(", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "~", "+", "-", "*", "**", "/", "//", "%", "=",
        "==", "!=", "<", ">=", "'a'", "\"b\"", "'\\n'", "0", "1", "-1", "2.5", "99999", "tojson", "trim", "length", "join",
        "map(attribute='role')", "selectattr('role')", "items()", "[::-1]", "[1:]", "content", "role", "generation", "\\", "'",
    ];

    private static readonly JsonArray s_messages =
    [
        new JsonObject { ["role"] = "system", ["content"] = "sys" },
        new JsonObject { ["role"] = "user", ["content"] = "hi" },
    ];

    private static void RenderOrFail(string source)
    {
        try
        {
            var options = new ChatTemplateOptions { MaxOperations = 200_000, MaxOutputLength = 200_000, AddGenerationPrompt = true };
            ChatTemplate.Parse(source).Render(s_messages.DeepClone().AsArray(), options);
        }
        catch (ChatTemplateException)
        {
            // The only failure a template may cause.
        }
    }

    [Fact]
    public void Render_RandomStrings_OnlyThrowChatTemplateException()
    {
        Gen.String[0, 200].Check(RenderOrFail, iter: 3000);
    }

    [Fact]
    public void Render_RandomJinjaTokenSoup_OnlyThrowsChatTemplateException()
    {
        Gen.OneOf(s_pieces).Array[1, 60].Select(parts => string.Concat(parts)).Check(RenderOrFail, iter: 20000);
    }

    [Fact]
    public void Render_MutatedRealTemplate_OnlyThrowsChatTemplateException()
    {
        const string Template =
            "{%- for message in messages %}{%- if loop.first and message.role != 'system' %}{{ '<|im_start|>system\\nHi<|im_end|>\\n' }}{%- endif %}" +
            "{{ '<|im_start|>' + message.role + '\\n' + message.content | trim + '<|im_end|>' + '\\n' }}{%- endfor %}" +
            "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{%- endif %}";
        Gen.Select(Gen.Int[0, Template.Length - 1], Gen.Int[0, 8], Gen.OneOf(s_pieces))
            .Select((position, cut, piece) => Template[..position] + piece + Template[Math.Min(Template.Length, position + cut)..])
            .Check(RenderOrFail, iter: 5000);
    }
}
