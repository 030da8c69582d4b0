/// <summary>
/// The model of each example: the Hugging Face course's (chapter 1, "Transformers, what can they do?") as ONNX or
/// GGUF ports on the Hub, or, offline, the shared test fixtures (real small models where there are some, else tiny
/// random-weight exports of the same architectures, whose words are nonsense).
/// </summary>
internal sealed record CourseModels(
    string Sentiment, string? ZeroShot, string Generation, string FillMask, string Ner, string QuestionAnswering,
    string Summarization, string Translation, string Image, string Speech, string ImageFile, string AudioFile)
{
    /// <summary>The course's models (ONNX ports by Xenova / onnx-community, a GGUF for generation), downloaded once into the HF cache.</summary>
    public static CourseModels Hub(string fixtures) => new(
        Sentiment: "Xenova/distilbert-base-uncased-finetuned-sst-2-english",
        ZeroShot: "Xenova/bart-large-mnli",
        Generation: "HuggingFaceTB/SmolLM2-360M-Instruct-GGUF:smollm2-360m-instruct-q8_0.gguf",
        FillMask: "Xenova/distilroberta-base",
        Ner: "Xenova/bert-base-NER",
        QuestionAnswering: "Xenova/distilbert-base-cased-distilled-squad",
        Summarization: "Xenova/distilbart-cnn-6-6",
        Translation: "Xenova/opus-mt-fr-en",
        Image: "Xenova/vit-base-patch16-224",
        Speech: "Xenova/whisper-tiny.en",
        ImageFile: Path.Combine(fixtures, "images", "coco-000000039769-two-cats.png"),
        AudioFile: Path.Combine(fixtures, "audio", "jfk.wav"));

    /// <summary>The fixtures: zero-shot on the embedded all-MiniLM-L6-v2, MobileNetV2 and stories260K are real models.</summary>
    public static CourseModels Offline(string fixtures) => new(
        Sentiment: Path.Combine(fixtures, "pyoracle", "text-classification"),
        ZeroShot: null,
        Generation: Path.Combine(fixtures, "gguf", "stories260K", "stories260K.gguf"),
        FillMask: Path.Combine(fixtures, "pyoracle", "fill-mask"),
        Ner: Path.Combine(fixtures, "pyoracle", "ner"),
        QuestionAnswering: Path.Combine(fixtures, "pyoracle", "question-answering"),
        Summarization: Path.Combine(fixtures, "pyoracle", "t5"),
        Translation: Path.Combine(fixtures, "pyoracle", "marian"),
        Image: Path.Combine(fixtures, "onnx", "mobilenetv2-12-int8"),
        Speech: Path.Combine(fixtures, "pyoracle", "whisper"),
        ImageFile: Path.Combine(fixtures, "images", "coco-000000039769-two-cats.png"),
        AudioFile: Path.Combine(fixtures, "audio", "jfk.wav"));
}
