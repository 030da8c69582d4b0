using System.Text.Encodings.Web;
using System.Text.Json;
using HfPipelines.Generation;
using HfPipelines.Hub;
using HfPipelines.LlamaCpp;
using HfPipelines.Pipelines;
using HfPipelines.Tasks;

/// <summary>The chapter's ten examples, in its order, each printed as Python prints its result.</summary>
internal static class CourseExamples
{
    public static async Task RunAsync(IPipelineProvider pipelines, CourseModels models, HubOptions hub)
    {
        // classifier = pipeline("sentiment-analysis"); classifier("I've been waiting for a HuggingFace course my whole life.")
        var classifier = await pipelines.GetTextClassificationAsync(models.Sentiment);
        Show("sentiment-analysis", await classifier.RunBatchAsync(["I've been waiting for a HuggingFace course my whole life.", "I hate this so much!"]));

        // pipeline("zero-shot-classification")("This is a course about the Transformers library", candidate_labels=[...])
        var zeroShot = await pipelines.GetZeroShotClassificationAsync(models.ZeroShot);
        Show("zero-shot-classification", await zeroShot.RunAsync(
            "This is a course about the Transformers library", new() { CandidateLabels = ["education", "politics", "business"] }));

        // pipeline("text-generation")("In this course, we will teach you how to")
        Show("text-generation", await GenerateAsync(models.Generation, hub, "In this course, we will teach you how to"));

        // pipeline("fill-mask")("This course will teach you all about <mask> models.", top_k=2)
        var unmasker = await pipelines.GetFillMaskAsync(models.FillMask);
        Show("fill-mask", (await unmasker.RunAsync($"This course will teach you all about {MaskToken(models.FillMask)} models.", new() { TopK = 2 }))[0]);

        // pipeline("ner", grouped_entities=True)("My name is Sylvain and I work at Hugging Face in Brooklyn.")
        var ner = await pipelines.GetTokenClassificationAsync(models.Ner);
        Show("ner", await ner.RunAsync("My name is Sylvain and I work at Hugging Face in Brooklyn.", new() { AggregationStrategy = AggregationStrategy.Simple }));

        // pipeline("question-answering")(question="Where do I work?", context="My name is Sylvain and I work at Hugging Face in Brooklyn")
        var qa = await pipelines.GetQuestionAnsweringAsync(models.QuestionAnswering);
        Show("question-answering", (await qa.RunAsync(new("Where do I work?", "My name is Sylvain and I work at Hugging Face in Brooklyn")))[0]);

        // pipeline("summarization")(long_text)
        var summarizer = await pipelines.GetSummarizationAsync(models.Summarization);
        Show("summarization", await summarizer.RunAsync(CourseTexts.Engineering, new() { MaxLength = 60 }));

        // pipeline("translation", model="Helsinki-NLP/opus-mt-fr-en")("Ce cours est produit par Hugging Face.")
        var translator = await pipelines.GetTranslationAsync(models.Translation);
        Show("translation", await translator.RunAsync("Ce cours est produit par Hugging Face.", new() { MaxLength = 40 }));

        // pipeline("image-classification", model="google/vit-base-patch16-224")(image)
        var images = await pipelines.GetImageClassificationAsync(models.Image);
        Show("image-classification", await images.RunAsync(ImageInput.FromFile(models.ImageFile), new() { TopK = 3 }));

        // pipeline("automatic-speech-recognition", model="openai/whisper-large-v3")(audio)
        var asr = await pipelines.GetSpeechRecognitionAsync(models.Speech);
        Show("automatic-speech-recognition", await asr.RunAsync(AudioInput.FromFile(models.AudioFile)));
    }

    /// <summary>text-generation runs on llama.cpp: a GGUF file, resolved through the Hub cache when it is a Hub reference.</summary>
    private static async Task<TextGenerationResult> GenerateAsync(string model, HubOptions hub, string prompt)
    {
        var path = model;
        if (!File.Exists(model))
        {
            using var store = new ModelStore(hub);
            path = (await store.ResolveAsync(model)).Path;
        }

        using var generator = new TextGenerationPipeline(LlamaCppChatClient.Load(path, new LlamaCppModelOptions { ContextSize = 512 }), ownsClient: true);
        return await generator.RunAsync(prompt, new() { MaxNewTokens = 20 });
    }

    /// <summary>BERT-style tokenizers mask with [MASK], RoBERTa-style with &lt;mask&gt; (the course's model is RoBERTa).</summary>
    private static string MaskToken(string model) =>
        File.Exists(Path.Combine(model, "tokenizer.json")) && File.ReadAllText(Path.Combine(model, "tokenizer.json")).Contains("\"[MASK]\"", StringComparison.Ordinal) ? "[MASK]" : "<mask>";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Show(string task, object result) =>
        Console.WriteLine($"== {task}{Environment.NewLine}{JsonSerializer.Serialize(result, Readable)}");
}
