namespace HfPipelines.ChatTemplates.Jinja;

/// <summary>A variable scope (@huggingface/jinja's <c>Environment</c>): lookups walk up to the globals.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, JValue> _variables = new(StringComparer.Ordinal);

    public Scope(Scope? parent) => Parent = parent;

    public Scope? Parent { get; }

    public bool Has(string name) => _variables.ContainsKey(name);

    public void Set(string name, JValue value) => _variables[name] = value;

    public JValue Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return JUndefined.Instance;
    }
}
