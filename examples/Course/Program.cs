// The examples of the Hugging Face course, chapter 1 "Transformers, what can they do?", in C#: each is the course's
// Python call with the same inputs and parameters. See README.md.
// Usage: dotnet run --project examples/Course -- [--offline] [--fixtures DIR]
using HfPipelines;
using HfPipelines.Hub;
using HfPipelines.Pipelines;
using HfPipelines.Composition;

var offline = args.Contains("--offline") || Environment.GetEnvironmentVariable("HF_HUB_OFFLINE") is "1" or "true";
var fixturesAt = Array.IndexOf(args, "--fixtures");
var fixtures = fixturesAt >= 0 && fixturesAt + 1 < args.Length ? args[fixturesAt + 1]
    : Environment.GetEnvironmentVariable("HFP_FIXTURES") ?? Path.Combine("..", "shared", "fixtures");
if (args.Except(["--offline", "--fixtures", fixturesAt >= 0 && fixturesAt + 1 < args.Length ? args[fixturesAt + 1] : "--offline"]).Any())
{
    Console.Error.WriteLine("Course: usage: Course [--offline] [--fixtures DIR] (offline, the models come from the test fixtures in DIR, default ../shared/fixtures)");
    return 2;
}

if (offline && !Directory.Exists(fixtures))
{
    Console.Error.WriteLine($"Course: the fixtures folder '{fixtures}' does not exist; pass --fixtures DIR or set HFP_FIXTURES (or run online without --offline).");
    return 2;
}

var models = offline ? CourseModels.Offline(fixtures) : CourseModels.Hub(fixtures);
var hub = offline ? HubOptions.FromVariables(name => name == "HF_HUB_OFFLINE" ? "1" : Environment.GetEnvironmentVariable(name)) : HubOptions.FromEnvironment();
try
{
    using var pipelines = Pipeline.CreateProvider(hub);
    await CourseExamples.RunAsync(pipelines, models, hub).ConfigureAwait(false);
    return 0;
}
catch (HfPipelinesException ex)
{
    Console.Error.WriteLine($"Course: {ex.Message.ReplaceLineEndings(" ")}");
    return 1;
}
