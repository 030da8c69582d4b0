using System.CommandLine;

namespace HfPipelines.Cli.Commands;

/// <summary>Range checks run while parsing, so a wrong value fails in one line before any model loads (issue 20).</summary>
internal static class OptionChecks
{
    public static Option<int> AtLeast(this Option<int> option, int min)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var value && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}, got {value}.");
            }
        });
        return option;
    }

    public static Option<int?> AtLeast(this Option<int?> option, int min)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}, got {value}.");
            }
        });
        return option;
    }

    public static Option<double> AtLeast(this Option<double> option, double min)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}, got {value}.");
            }
        });
        return option;
    }

    public static Option<double?> AtLeast(this Option<double?> option, double min)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}, got {value}.");
            }
        });
        return option;
    }
}
