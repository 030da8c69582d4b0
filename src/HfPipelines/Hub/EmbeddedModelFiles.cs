namespace HfPipelines.Hub;

/// <summary>
/// The small files of the Hub repo sentence-transformers/all-MiniLM-L6-v2 that the package DLL does not
/// carry, written beside its model.onnx and vocab.txt (model_max_length and max_seq_length 256, as
/// sentence-transformers uses the model).
/// </summary>
internal static class EmbeddedModelFiles
{
    public static readonly IReadOnlyList<(string Name, string Content)> All =
    [
        ("config.json", """
            {
              "_name_or_path": "nreimers/MiniLM-L6-H384-uncased",
              "architectures": ["BertModel"],
              "attention_probs_dropout_prob": 0.1,
              "gradient_checkpointing": false,
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1,
              "hidden_size": 384,
              "initializer_range": 0.02,
              "intermediate_size": 1536,
              "layer_norm_eps": 1e-12,
              "max_position_embeddings": 512,
              "model_type": "bert",
              "num_attention_heads": 12,
              "num_hidden_layers": 6,
              "pad_token_id": 0,
              "position_embedding_type": "absolute",
              "transformers_version": "4.8.2",
              "type_vocab_size": 2,
              "use_cache": true,
              "vocab_size": 30522
            }
            """),
        ("tokenizer_config.json", """
            {
              "clean_up_tokenization_spaces": true,
              "cls_token": "[CLS]",
              "do_basic_tokenize": true,
              "do_lower_case": true,
              "mask_token": "[MASK]",
              "model_max_length": 256,
              "never_split": null,
              "pad_token": "[PAD]",
              "sep_token": "[SEP]",
              "strip_accents": null,
              "tokenize_chinese_chars": true,
              "tokenizer_class": "BertTokenizer",
              "unk_token": "[UNK]"
            }
            """),
        ("special_tokens_map.json", """
            {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]"}
            """),
        ("modules.json", """
            [
              {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
              {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
              {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}
            ]
            """),
        ("1_Pooling/config.json", """
            {
              "word_embedding_dimension": 384,
              "pooling_mode_cls_token": false,
              "pooling_mode_mean_tokens": true,
              "pooling_mode_max_tokens": false,
              "pooling_mode_mean_sqrt_len_tokens": false
            }
            """),
        ("sentence_bert_config.json", """
            {"max_seq_length": 256, "do_lower_case": false}
            """),
    ];
}
