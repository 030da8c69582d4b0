namespace HfPipelines.Tokenization;

/// <summary>
/// A tokenizer file is missing, malformed or of an unsupported kind. The message names the file and the field.
/// </summary>
public class TokenizerLoadException : ModelLoadException
{
    /// <summary>Creates an exception with no message.</summary>
    public TokenizerLoadException()
    {
    }

    /// <summary>Creates an exception with a message that names the file, the field and the fix.</summary>
    /// <param name="message">The message.</param>
    public TokenizerLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TokenizerLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a bad field of a tokenizer file.</summary>
    /// <param name="file">The file.</param>
    /// <param name="field">The JSON path of the field (for example <c>model.vocab</c>).</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <returns>The exception.</returns>
    public static TokenizerLoadException ForField(string file, string field, string problem, Exception? innerException = null)
    {
        var message = $"Cannot load tokenizer file '{file}': field '{field}' {problem}. Use the tokenizer files of the model's Hub repository unchanged, or re-save them with transformers' save_pretrained.";
        return innerException is null ? new TokenizerLoadException(message) : new TokenizerLoadException(message, innerException);
    }
}
