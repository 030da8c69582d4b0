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

    /// <summary>transformers' Llama and Gemma fast tokenizers rebuild their template from <c>add_bos_token</c> and
    /// <c>add_eos_token</c> (<c>update_post_processor</c>); null when the config does not call for it.</summary>
    public static Processors.IPostProcessor? LlamaTemplate(TokenizerConfig config, Func<string, int?> tokenToId)
    {
        var tokenizerClass = config.GetString("tokenizer_class") ?? string.Empty;
        if (!(tokenizerClass.StartsWith("Llama", StringComparison.Ordinal) || tokenizerClass.StartsWith("CodeLlama", StringComparison.Ordinal)
            || tokenizerClass.StartsWith("Gemma", StringComparison.Ordinal))
            || (config.GetBool("add_bos_token") is null && config.GetBool("add_eos_token") is null))
        {
            return null;
        }

        var addBos = config.GetBool("add_bos_token") ?? true;
        var addEos = config.GetBool("add_eos_token") ?? false;
        var bos = config.SpecialTokens.GetValueOrDefault("bos_token");
        var eos = config.SpecialTokens.GetValueOrDefault("eos_token");
        if ((addBos && (bos is null || tokenToId(bos) is null)) || (addEos && (eos is null || tokenToId(eos) is null)))
        {
            return null;
        }

        var specials = new Dictionary<string, (int[], string[])>(StringComparer.Ordinal);
        var single = new List<Processors.TemplatePiece>();
        var pair = new List<Processors.TemplatePiece>();
        foreach (var (list, sequence, typeId) in new[] { (single, "A", 0), (pair, "A", 0), (pair, "B", 1) })
        {
            if (addBos)
            {
                specials[bos!] = ([tokenToId(bos!)!.Value], [bos!]);
                list.Add(new(false, bos!, typeId));
            }

            list.Add(new(true, sequence, typeId));
            if (addEos)
            {
                specials[eos!] = ([tokenToId(eos!)!.Value], [eos!]);
                list.Add(new(false, eos!, typeId));
            }
        }

        return new Processors.TemplatePostProcessor(single, pair, specials);
    }

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
