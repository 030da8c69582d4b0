namespace HfPipelines.Tokenization.Loading;

/// <summary>The named special tokens: the config's, completed, for configs that do not name them (no
/// tokenizer_config.json, or a BERT/RoBERTa one), with the defaults of transformers' BERT and RoBERTa tokenizer classes
/// when those tokens are added special tokens.</summary>
internal static class SpecialTokenDefaults
{
    private static readonly (string Name, string[] Candidates)[] s_defaults =
    [
        ("unk_token", ["[UNK]", "<unk>"]),
        ("sep_token", ["[SEP]", "</s>"]),
        ("pad_token", ["[PAD]", "<pad>"]),
        ("cls_token", ["[CLS]", "<s>"]),
        ("mask_token", ["[MASK]", "<mask>"]),
        ("bos_token", ["<s>"]),
        ("eos_token", ["</s>"]),
    ];

    public static Dictionary<string, string> Resolve(TokenizerConfig config, AddedVocabulary added)
    {
        var result = new Dictionary<string, string>(config.SpecialTokens, StringComparer.Ordinal);
        var tokenizerClass = config.GetString("tokenizer_class") ?? string.Empty;
        var inferable = tokenizerClass.Length == 0
            || tokenizerClass.Contains("Bert", StringComparison.Ordinal) || tokenizerClass.Contains("Roberta", StringComparison.Ordinal)
            || tokenizerClass.Contains("MPNet", StringComparison.Ordinal);
        if (!inferable)
        {
            return result;
        }

        foreach (var (name, candidates) in s_defaults)
        {
            if (result.ContainsKey(name) || config.Values.ContainsKey(name))
            {
                continue;
            }

            var token = candidates.FirstOrDefault(c => added.ByContent(c) is { Special: true });
            if (token is not null)
            {
                result[name] = token;
            }
        }

        return result;
    }
}
