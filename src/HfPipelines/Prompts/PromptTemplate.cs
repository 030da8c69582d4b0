using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HfPipelines.Prompts;

/// <summary>
/// A prompt kept as a file in Semantic Kernel's prompt directory format (<c>skprompt.txt</c> with
/// <c>{{$variable}}</c> placeholders, and <c>config.json</c> with the variables and their defaults), so the same
/// files load into a kernel with <c>CreatePluginFromPromptDirectory</c>. Immutable and thread-safe.
/// </summary>
public sealed partial class PromptTemplate
{
    private readonly Dictionary<string, string?> _defaults;

    private PromptTemplate(string name, string template, Dictionary<string, string?> defaults, HashSet<string> required)
    {
        Name = name;
        Template = template;
        _defaults = defaults;
        Required = required;
    }

    /// <summary>The prompt's name (its folder name).</summary>
    public string Name { get; }

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>Variables that must be given.</summary>
    public IReadOnlySet<string> Required { get; }

    /// <summary>Loads a prompt directory.</summary>
    /// <param name="directory">The folder holding <c>skprompt.txt</c> and, optionally, <c>config.json</c>.</param>
    /// <returns>The template.</returns>
    /// <exception cref="HfPipelinesException">The folder has no skprompt.txt or its config.json is malformed.</exception>
    public static PromptTemplate Load(string directory)
    {
        var promptPath = Path.Combine(directory, "skprompt.txt");
        if (!File.Exists(promptPath))
        {
            throw new HfPipelinesException($"No prompt at '{promptPath}'. Prompts ship in the prompts/ folder beside the library; pass its path.");
        }

        var defaults = new Dictionary<string, string?>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var configPath = Path.Combine(directory, "config.json");
        if (File.Exists(configPath))
        {
            try
            {
                foreach (var variable in JsonNode.Parse(File.ReadAllText(configPath))?["input_variables"]?.AsArray() ?? [])
                {
                    var name = (string?)variable?["name"] ?? throw new HfPipelinesException($"'{configPath}': an input variable has no name.");
                    defaults[name] = (string?)variable?["default"];
                    if ((bool?)variable?["is_required"] == true)
                    {
                        required.Add(name);
                    }
                }
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new HfPipelinesException($"'{configPath}' is not valid JSON: {ex.Message}", ex);
            }
        }

        return new PromptTemplate(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), File.ReadAllText(promptPath), defaults, required);
    }

    /// <summary>Renders the prompt; values are inserted as text, never re-read as template syntax.</summary>
    /// <param name="variables">Variable values; missing ones take their defaults.</param>
    /// <returns>The prompt.</returns>
    /// <exception cref="InvalidPipelineInputException">A required variable is missing.</exception>
    public string Render(IReadOnlyDictionary<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var missing = Required.Where(r => !variables.TryGetValue(r, out var v) || v is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidPipelineInputException($"The prompt '{Name}' needs {string.Join(", ", missing)}.");
        }

        return VariablePattern().Replace(Template, m =>
        {
            var name = m.Groups[1].Value;
            return variables.TryGetValue(name, out var value) && value is not null ? value
                : _defaults.TryGetValue(name, out var fallback) ? fallback ?? string.Empty : string.Empty;
        });
    }

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();
}
