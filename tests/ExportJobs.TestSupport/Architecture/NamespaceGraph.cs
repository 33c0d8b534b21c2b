namespace ExportJobs.Testing.Architecture;

/// <summary>
/// Which namespaces of an assembly depend on which (an edge A -> B when a type of A refers to a type of B), with the
/// type references behind each edge, and the cycles among them (strongly connected components of two or more).
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    /// <summary>Builds the graph of the namespaces that <paramref name="include"/> accepts, from <see cref="IlTypeReferences.Read"/>.</summary>
    public NamespaceGraph(IReadOnlyDictionary<string, IReadOnlySet<string>> references, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(include);
        var ownTypes = references.Keys.Where(t => include(IlTypeReferences.NamespaceOf(t))).ToHashSet(StringComparer.Ordinal);
        foreach (var type in ownTypes)
        {
            var from = IlTypeReferences.NamespaceOf(type);
            var targets = Targets(from);
            foreach (var target in references[type].Where(ownTypes.Contains))
            {
                var to = IlTypeReferences.NamespaceOf(target);
                if (to == from)
                {
                    continue;
                }

                if (!targets.TryGetValue(to, out var because))
                {
                    because = new SortedSet<string>(StringComparer.Ordinal);
                    targets[to] = because;
                }

                because.Add($"{type} -> {target}");
            }
        }
    }

    /// <summary>Every namespace in the graph.</summary>
    public IReadOnlyCollection<string> Namespaces => _edges.Keys;

    /// <summary>The namespaces <paramref name="from"/> depends on.</summary>
    public IReadOnlyCollection<string> DependenciesOf(string from) => _edges.TryGetValue(from, out var t) ? t.Keys : [];

    /// <summary>The type references behind the edge <paramref name="from"/> -> <paramref name="to"/>.</summary>
    public IReadOnlyCollection<string> Because(string from, string to) =>
        _edges.TryGetValue(from, out var t) && t.TryGetValue(to, out var b) ? b : [];

    /// <summary>Every group of namespaces that depend on each other in a cycle (of any length), with the edges inside it.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        // Tarjan's strongly connected components.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in DependenciesOf(node))
            {
                if (!index.TryGetValue(to, out var toIndex))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], toIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;
    }

    /// <summary>A readable account of a cycle: each edge inside it with the type references behind it.</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var lines = new List<string> { $"Cycle between {string.Join(", ", cycle)}:" };
        foreach (var from in cycle)
        {
            foreach (var to in DependenciesOf(from).Where(cycle.Contains))
            {
                lines.Add($"  {from} -> {to}:");
                lines.AddRange(Because(from, to).Take(5).Select(b => $"      {b}"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private Dictionary<string, SortedSet<string>> Targets(string from)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            targets = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            _edges[from] = targets;
        }

        return targets;
    }
}
