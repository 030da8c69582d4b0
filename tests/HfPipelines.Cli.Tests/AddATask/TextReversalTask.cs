using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Tests.AddATask;

/// <summary>The options of the test task: <c>upper</c> upper-cases the reversed text.</summary>
public sealed class TextReversalOptions
{
    /// <summary>Upper-case the result.</summary>
    public bool Upper { get; set; }
}

/// <summary>The result of the test task.</summary>
/// <param name="ReversedText">The text, reversed.</param>
public sealed record TextReversalResult([property: JsonPropertyName("reversed_text")] string ReversedText);

/// <summary>
/// A whole task in one folder, as an application (or a contributor) adds one: this descriptor and its pipeline. No
/// other file names it; the tests in <see cref="AddATaskTests"/> find it in every surface.
/// </summary>
public sealed class TextReversalTask : PipelineTask<string, TextReversalOptions, TextReversalResult>
{
    /// <summary>The file a local model folder of this task holds.</summary>
    public const string MarkerFile = "reverser.json";

    /// <summary>Creates the descriptor.</summary>
    public TextReversalTask()
        : base("text-reversal", TaskInputKind.Text, "Reverse a text (a test task).", "reverse")
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<TaskArgument> Arguments { get; } =
    [
        TaskArgument.Input("text", TaskArgumentType.String, "The text to reverse."),
        TaskArgument.Parameter("upper", TaskArgumentType.Boolean, "Upper-case the result."),
    ];

    /// <inheritdoc />
    public override TaskTool Tool { get; } = new("Text", "reverse_text", "Reverse a text.");

    /// <inheritdoc />
    public override IReadOnlyList<LocalTaskFactory> LocalFactories { get; } =
    [
        new("reverser", (path, _) => File.Exists(Path.Combine(path, MarkerFile)) ? new TextReversalPipeline() : null),
    ];

    /// <inheritdoc />
    public override (IReadOnlyList<string> Items, bool Batch) ReadInputs(TaskRequest request) => ReadTexts(request);

    /// <inheritdoc />
    public override TextReversalOptions ReadOptions(TaskRequest request) => new() { Upper = request.Parameters.Bool("upper") ?? false };

    /// <inheritdoc />
    public override JsonObject WriteRequest(string input, TextReversalOptions options) =>
        new() { ["inputs"] = RequireText(input), ["parameters"] = new JsonObject { ["upper"] = options.Upper } };

    /// <inheritdoc />
    public override TextReversalResult ReadResponse(JsonElement answer, string input, TextReversalOptions options) =>
        new(answer.GetProperty("reversed_text").GetString()!);
}

/// <summary>The local pipeline of the test task.</summary>
public sealed class TextReversalPipeline : IPipeline<string, TextReversalOptions, TextReversalResult>
{
    /// <inheritdoc />
    public string Task => "text-reversal";

    /// <inheritdoc />
    public Task<TextReversalResult> RunAsync(string input, TextReversalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reversed = new string([.. input.Reverse()]);
        return System.Threading.Tasks.Task.FromResult(new TextReversalResult(options?.Upper == true ? reversed.ToUpperInvariant() : reversed));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TextReversalResult>> RunBatchAsync(IReadOnlyList<string> inputs, TextReversalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = new List<TextReversalResult>();
        foreach (var input in inputs)
        {
            results.Add(await RunAsync(input, options, cancellationToken));
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
