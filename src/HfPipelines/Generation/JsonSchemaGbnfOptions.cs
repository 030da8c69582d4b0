namespace HfPipelines.Generation;

/// <summary>
/// Limits applied when a JSON schema becomes a GBNF grammar. Caps keep a constrained answer short enough
/// to finish within the token budget: an uncapped string lets a model write until it runs out of tokens.
/// </summary>
public sealed class JsonSchemaGbnfOptions
{
    private int _maxStringLength = 48;
    private int _maxArrayItems = 8;
    private int _maxIntegerDigits = 12;

    /// <summary>Most characters in a string without its own (smaller) <c>maxLength</c>. Default 48; 1 to 1000.</summary>
    public int MaxStringLength
    {
        get => _maxStringLength;
        set => _maxStringLength = Checked(value, 1, 1000, nameof(MaxStringLength));
    }

    /// <summary>Most items in an array without its own (smaller) <c>maxItems</c>. Default 8; 1 to 100.</summary>
    public int MaxArrayItems
    {
        get => _maxArrayItems;
        set => _maxArrayItems = Checked(value, 1, 100, nameof(MaxArrayItems));
    }

    /// <summary>Most digits of an integer part. Default 12; 1 to 18.</summary>
    public int MaxIntegerDigits
    {
        get => _maxIntegerDigits;
        set => _maxIntegerDigits = Checked(value, 1, 18, nameof(MaxIntegerDigits));
    }

    private static int Checked(int value, int min, int max, string name) =>
        value < min || value > max
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.")
            : value;
}
