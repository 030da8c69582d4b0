using System.CommandLine;
using HfPipelines.Tasks;

namespace HfPipelines.Cli.Commands;

/// <summary>The <c>generate()</c> keywords of summarization and translation as kebab-case flags
/// (<c>--no-repeat-ngram-size</c>, <c>--length-penalty</c>, <c>--early-stopping</c>, <c>--repetition-penalty</c>,
/// <c>--do-sample</c>, <c>--top-k</c>, <c>--top-p</c>, <c>--temperature</c>, <c>--seed</c>, <c>--min-length</c>);
/// unset flags keep the model's generation config.</summary>
internal sealed class GenerationCommandOptions
{
    public Option<int?> MinLength { get; } = new("--min-length") { Description = "Shortest output in tokens (min_length)." };

    public Option<int?> NoRepeatNgramSize { get; } = new("--no-repeat-ngram-size") { Description = "No n-gram of this size occurs twice (no_repeat_ngram_size; 0: off)." };

    public Option<double?> LengthPenalty { get; } = new("--length-penalty") { Description = "Beam length normalisation exponent (length_penalty; above 1 favours longer outputs)." };

    public Option<bool?> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop beam search when num_beams outputs are finished (early_stopping; true or false)." };

    public Option<double?> RepetitionPenalty { get; } = new("--repetition-penalty") { Description = "Penalty on tokens already generated (repetition_penalty; 1.0: off)." };

    public Option<bool?> DoSample { get; } = new("--do-sample") { Description = "Sample instead of taking the likeliest token (do_sample; needs --num-beams 1)." };

    public Option<int?> TopK { get; } = new("--top-k") { Description = "When sampling: only the k likeliest tokens (top_k; 0: off; default 50)." };

    public Option<double?> TopP { get; } = new("--top-p") { Description = "When sampling: nucleus probability mass (top_p; 1.0: off)." };

    public Option<double?> Temperature { get; } = new("--temperature") { Description = "When sampling: logits are divided by it (temperature)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "When sampling: the sampler's seed, for reproducible output." };

    /// <summary>Adds the flags (all but <c>--min-length</c> when the command already has it) to a command.</summary>
    public Command AddTo(Command command, bool withMinLength)
    {
        if (withMinLength)
        {
            command.Options.Add(MinLength);
        }

        foreach (var option in new Option[] { NoRepeatNgramSize, LengthPenalty, EarlyStopping, RepetitionPenalty, DoSample, TopK, TopP, Temperature, Seed })
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>Copies the given flags into summarization options.</summary>
    public void Fill(ParseResult parse, SummarizationOptions options)
    {
        options.NoRepeatNgramSize = parse.GetValue(NoRepeatNgramSize);
        options.LengthPenalty = parse.GetValue(LengthPenalty);
        options.EarlyStopping = parse.GetValue(EarlyStopping);
        options.RepetitionPenalty = parse.GetValue(RepetitionPenalty);
        options.DoSample = parse.GetValue(DoSample);
        options.TopK = parse.GetValue(TopK);
        options.TopP = parse.GetValue(TopP);
        options.Temperature = parse.GetValue(Temperature);
        options.Seed = parse.GetValue(Seed);
    }

    /// <summary>Copies the given flags into translation options.</summary>
    public void Fill(ParseResult parse, TranslationOptions options)
    {
        options.MinLength = parse.GetValue(MinLength);
        options.NoRepeatNgramSize = parse.GetValue(NoRepeatNgramSize);
        options.LengthPenalty = parse.GetValue(LengthPenalty);
        options.EarlyStopping = parse.GetValue(EarlyStopping);
        options.RepetitionPenalty = parse.GetValue(RepetitionPenalty);
        options.DoSample = parse.GetValue(DoSample);
        options.TopK = parse.GetValue(TopK);
        options.TopP = parse.GetValue(TopP);
        options.Temperature = parse.GetValue(Temperature);
        options.Seed = parse.GetValue(Seed);
    }
}
