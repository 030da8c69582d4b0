using System.Text.Json.Nodes;
using HfPipelines.ChatTemplates;

namespace HfPipelines.Tests.ChatTemplates;

public sealed class ChatTemplateTests
{
    private static JsonArray User(string content) => [new JsonObject { ["role"] = "user", ["content"] = content }];

    [Fact]
    public void Render_ChatMlTemplate_ProducesPrompt()
    {
        var template = ChatTemplate.Parse(
            "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}");

        var prompt = template.Render(User("Hi"), new ChatTemplateOptions { AddGenerationPrompt = true });

        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void Render_Variables_AreVisibleToTheTemplate()
    {
        var options = new ChatTemplateOptions();
        options.Variables["bos_token"] = "<s>";
        options.Variables["enable_thinking"] = false;

        var prompt = ChatTemplate.Parse("{{ bos_token }}{{ enable_thinking }}{{ tools is none }}").Render([], options);

        Assert.Equal("<s>falsetrue", prompt);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineAndColumn()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("line one\n  {% if x %}\n{{ a b }}{% endif %}"));

        Assert.Equal(3, ex.Line);
        Assert.Equal(6, ex.Column);
        Assert.Contains("line 3, column 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedBlock_ThrowsChatTemplateException()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("{% for m in messages %}{{ m }}"));

        Assert.NotNull(ex.Line);
    }

    [Fact]
    public void Render_RaiseException_CarriesTheTemplateMessage()
    {
        var template = ChatTemplate.Parse("{% if messages[0].role != 'system' %}{{ raise_exception('System message required') }}{% endif %}");

        var ex = Assert.Throws<ChatTemplateException>(() => template.Render(User("x")));

        Assert.Equal("System message required", ex.TemplateMessage);
        Assert.Contains("System message required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RuntimeError_IsChatTemplateExceptionWithoutTemplateMessage()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("{{ 'a' < 'b' }}").Render([]));

        Assert.Null(ex.TemplateMessage);
    }

    [Fact]
    public void Render_InfiniteRecursion_ThrowsInsteadOfOverflowingTheStack()
    {
        var template = ChatTemplate.Parse("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");

        var ex = Assert.Throws<ChatTemplateException>(() => template.Render([]));

        Assert.Contains("deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutputPastTheLimit_Throws()
    {
        var template = ChatTemplate.Parse("{% for i in range(1000) %}0123456789{% endfor %}");

        var ex = Assert.Throws<ChatTemplateException>(() => template.Render([], new ChatTemplateOptions { MaxOutputLength = 5000 }));

        Assert.Contains("5000 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DoublingString_StopsAtTheLimit()
    {
        var template = ChatTemplate.Parse("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}");

        Assert.Throws<ChatTemplateException>(() => template.Render([], new ChatTemplateOptions { MaxOutputLength = 1 << 20 }));
    }

    [Fact]
    public void Render_HugeLoop_StopsAtTheOperationBudget()
    {
        var template = ChatTemplate.Parse("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");

        var ex = Assert.Throws<ChatTemplateException>(() => template.Render([], new ChatTemplateOptions { MaxOperations = 100_000 }));

        Assert.Contains("100000 steps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeeplyNestedValue_ThrowsInsteadOfOverflowingTheStack()
    {
        var template = ChatTemplate.Parse("{% set ns = namespace(x=[]) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x | tojson }}");

        var ex = Assert.Throws<ChatTemplateException>(() => template.Render([]));

        Assert.Contains("deeper than 512 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedParentheses_ThrowsInsteadOfOverflowingTheStack()
    {
        var source = "{{ " + new string('(', 100_000) + "1" + new string(')', 100_000) + " }}";

        Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source));
    }

    [Fact]
    public void Render_VariableNamedLikeABuiltin_Throws()
    {
        var options = new ChatTemplateOptions();
        options.Variables["range"] = 1;

        Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("x").Render([], options));
    }

    [Fact]
    public void Options_InvalidLimits_AreRejected()
    {
        var options = new ChatTemplateOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxOutputLength = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxOperations = 10);
        Assert.Throws<ArgumentNullException>(() => options.TimeProvider = null!);
    }
}
