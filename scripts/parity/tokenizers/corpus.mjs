// Deterministic corpus of varied strings for tokenizer parity (whitespace runs, accents, CJK, emoji, code, numbers,
// special-token text). The same corpus is written beside the expected outputs, so the C# test reads it from there.
export function buildCorpus() {
  const fixed = [
    '', ' ', '  ', '\t', '\n', ' \n ', 'Hello world', 'Hello, world!', ' Hello world', 'Hello world ', 'hello   world',
    'Hello\n\nworld', "I can't believe it's not butter.", "They'll've done it", 'HELLO WORLD', 'HeLLo WoRLD',
    'naïve café résumé', 'Ångström façade São Paulo', 'Straße groß', 'İstanbul Iğdır', 'ΑΒΓ αβγ Σίσυφος',
    'Привет, мир!', 'مرحبا بالعالم', 'שלום עולם', 'नमस्ते दुनिया', 'สวัสดีชาวโลก', '你好，世界！', '我爱自然语言处理。',
    'こんにちは世界', 'カタカナとひらがな', '안녕하세요 세계', '🤗 Hugging Face', '🚀🚀🚀', '👨‍👩‍👧‍👦 family', '🇫🇷 flag',
    'a😀b', '∑ ∫ √ ∞ ≠ ≤', '½ ¼ ² ³ ™ ©', 'ﬁ ﬂ ligatures', 'Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３', '$5 + 3 = 8 < 10 > 2 ^ 3 | x ~ y `z`',
    'snake_case_name and camelCaseName', 'def foo(x):\n    return x * 2\n', 'for (int i = 0; i < n; ++i) { sum += a[i]; }',
    '<div class="a">text</div>', 'SELECT * FROM users WHERE id = 42;', 'https://huggingface.co/docs?q=1&x=2#top',
    'user@example.com', '3.14159 2.71828 1e-10 -42 +7', '1234567890', '12,345,678.90', '2024-01-15T10:30:00Z',
    '    leading spaces', 'trailing spaces    ', 'tabs\tand\tmore\ttabs', 'mixed \t \n whitespace', '\r\nwindows\r\nlines',
    '[CLS] [SEP] [MASK] [PAD] [UNK]', '<s> </s> <unk> <pad> <mask>', '<|endoftext|>', 'Hello<|endoftext|>world',
    '<|im_start|>user\nhi<|im_end|>', '[CLS]hello[SEP]', '<s>hello</s>', '<extra_id_0> filled <extra_id_1>',
    'unaffable', 'antidisestablishmentarianism', 'pneumonoultramicroscopicsilicovolcanoconiosis',
    '...', '!!!', '???', '---', '***', '"quoted"', "'single'", '(parens) [brackets] {braces}', '«guillemets» „quotes“',
    'ellipsis… em—dash – en', 'non\u00a0breaking\u00a0space', 'zero\u200bwidth', 'soft\u00adhyphen', 'e\u0301 combining',
    'Ａ', 'ÿ', '\u0000null', 'bell\u0007char', 'x'.repeat(120), 'ab '.repeat(40), '日本語のテキストと English mixed',
    'The quick brown fox jumps over the lazy dog.', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
    '𝓗𝓮𝓵𝓵𝓸 𝔀𝓸𝓻𝓵𝓭', 'a𝐀b c𝐁', '𠀀𠀁 text 𠀂', 'math 𝟏𝟐𝟑𝟒 digits', 'x🤗y 🤗z',
    '   ', 'a', 'A', '0', '00', '000', '0000', '00000', 'I', "I'm", "'s", "don't", 'U.S.A.', 'e.g. i.e. etc.',
  ];
  const words = ['the', 'model', 'Tokenizer', 'café', 'naïve', '東京', 'data', 'GPU', 'π', '🤗', 'x_1', 'foo()', '42',
    '3.5', "it's", 'ÜBER', 'hello-world', 'C#', '.NET', 'über', '¿qué?', 'Ωmega', '한국', '🙂', '[MASK]', '<s>', '#tag',
    '@user', 'e-mail', '$100', '100%', 'a/b', 'x=y', 'rock&roll', 'ねこ', 'straße', 'ﬁne', '½', '™', 'élève'];
  const seps = [' ', '  ', '\n', '\t', ', ', '. ', ' - ', '', '   ', ' \n'];
  let seed = 12345;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const generated = [];
  for (let i = 0; generated.length + fixed.length < 560; i++) {
    const n = 1 + (next() % 9);
    let s = '';
    for (let k = 0; k < n; k++) {
      s += words[next() % words.length];
      if (k < n - 1) s += seps[next() % seps.length];
    }
    if (next() % 5 === 0) s = ' ' + s;
    if (next() % 7 === 0) s = s + ' ';
    generated.push(s);
  }
  return fixed.concat(generated);
}
