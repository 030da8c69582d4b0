using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HfPipelines.SemanticKernel.Workflows;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s with bounded cost: it refuses aliases (so nothing can
/// expand exponentially), nesting deeper than <see cref="MaxDepth"/>, more than <see cref="MaxNodes"/> nodes,
/// duplicate keys and several documents. Every failure is a <see cref="WorkflowFormatException"/> with its line.
/// </summary>
internal sealed class YamlReader
{
    public const int MaxDepth = 32;

    public const int MaxNodes = 100_000;

    private readonly Parser _parser;
    private ParsingEvent? _lookAhead;
    private int _nodes;

    private YamlReader(string yaml) => _parser = new Parser(new StringReader(yaml));

    public static YamlNode Read(string yaml)
    {
        try
        {
            return new YamlReader(yaml).ReadDocument();
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line;
            throw new WorkflowFormatException($"The workflow is not valid YAML (line {line}): {ex.Message}", ex) { Line = line };
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner reports some malformed input (e.g. a stray token after the document) this way
            // instead of as a YamlException (found by WorkflowParserFuzzTests).
            throw new WorkflowFormatException($"The workflow is not valid YAML: {ex.Message}", ex);
        }
    }

    private YamlNode ReadDocument()
    {
        Expect<StreamStart>();
        if (Peek() is StreamEnd)
        {
            throw Error("The workflow file is empty. It needs at least a 'steps' list.", 1);
        }

        Expect<DocumentStart>();
        var root = ReadNode(1);
        Expect<DocumentEnd>();
        if (Peek() is not StreamEnd)
        {
            throw Error("The workflow file holds several YAML documents ('---'). Keep one workflow per file.", Line(Peek()));
        }

        return root;
    }

    private YamlNode ReadNode(int depth)
    {
        var e = Next();
        if (++_nodes > MaxNodes)
        {
            throw Error($"The workflow has more than {MaxNodes} YAML nodes. Split it into smaller workflows.", Line(e));
        }

        if (e is AnchorAlias alias)
        {
            throw Error($"YAML aliases (*{alias.Value}) are not supported in workflows. Write the value out instead.", Line(e));
        }

        if (depth > MaxDepth && e is MappingStart or SequenceStart)
        {
            throw Error($"The workflow nests deeper than {MaxDepth} levels. Flatten it.", Line(e));
        }

        return e switch
        {
            Scalar scalar => new YamlScalar(scalar.Value, Line(e)),
            SequenceStart => ReadSequence(Line(e), depth),
            MappingStart => ReadMapping(Line(e), depth),
            _ => throw Error($"Unexpected YAML element {e.GetType().Name}.", Line(e)),
        };
    }

    private YamlSequence ReadSequence(int line, int depth)
    {
        var items = new List<YamlNode>();
        while (Peek() is not SequenceEnd)
        {
            items.Add(ReadNode(depth + 1));
        }

        Next();
        return new YamlSequence(items, line);
    }

    private YamlMap ReadMapping(int line, int depth)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        while (Peek() is not MappingEnd)
        {
            if (ReadNode(depth + 1) is not YamlScalar key)
            {
                throw Error("A mapping key must be plain text.", line);
            }

            if (entries.Any(e => e.Key.Value == key.Value))
            {
                throw Error($"The key '{key.Value}' appears twice in the same mapping. Keep one.", key.Line);
            }

            entries.Add(new(key, ReadNode(depth + 1)));
        }

        Next();
        return new YamlMap(entries, line);
    }

    private ParsingEvent Next()
    {
        var e = _lookAhead ?? Advance();
        _lookAhead = null;
        return e;
    }

    private ParsingEvent Peek() => _lookAhead ??= Advance();

    private ParsingEvent Advance() =>
        _parser.MoveNext() ? _parser.Current! : throw Error("The workflow YAML ends too early.", 0);

    private void Expect<T>()
        where T : ParsingEvent
    {
        var e = Next();
        if (e is not T)
        {
            throw Error($"Expected {typeof(T).Name} but found {e.GetType().Name}.", Line(e));
        }
    }

    private static int Line(ParsingEvent e) => (int)e.Start.Line;

    private static WorkflowFormatException Error(string message, int line) =>
        new(line > 0 ? $"{message} (line {line})" : message) { Line = line };
}
