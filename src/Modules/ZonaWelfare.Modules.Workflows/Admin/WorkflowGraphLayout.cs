namespace ZonaWelfare.Modules.Workflows.Admin;

/// <summary>An activity as the drawn graph shows it; <see cref="X"/>/<see cref="Y"/> are the definition's position, if given.</summary>
internal sealed record GraphNodeInput(string Id, string Title, string Kind, bool Start, int? X = null, int? Y = null);

/// <summary>A transition as the drawn graph shows it: the outcome's name as editors read it.</summary>
internal sealed record GraphEdgeInput(string From, string To, string Label);

internal sealed record GraphNode(string Id, string Title, string Kind, bool Start, int Layer, double X, double Y);

/// <summary>
/// An arrow from border to border of two boxes; every transition between the same two activities shares one, with
/// their labels joined. An arrow that would cross another box bends around it (a quadratic curve through
/// <see cref="CX"/>, <see cref="CY"/>).
/// </summary>
internal sealed record GraphEdge(string From, string To, string Label, double X1, double Y1, double X2, double Y2, bool Backward, double? CX = null, double? CY = null)
{
    public bool Bent => CX is not null;

    public double LabelX => CX is { } cx ? (X1 + 2 * cx + X2) / 4 : (X1 + X2) / 2;

    public double LabelY => CY is { } cy ? (Y1 + 2 * cy + Y2) / 4 : (Y1 + Y2) / 2;
}

internal sealed record GraphLayout(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, double Width, double Height);

/// <summary>
/// Lays a workflow's graph out top to bottom for a server-drawn SVG: each activity in the layer of the longest path
/// that reaches it from the start activities (edges that close a cycle are drawn but do not push layers down),
/// boxes of a layer side by side in the order of their parents, centred. An activity with a position in the
/// definition keeps it.
/// </summary>
internal static class WorkflowGraphLayout
{
    public const double BoxWidth = 190;
    public const double BoxHeight = 58;
    public const double ColumnGap = 40;
    public const double LayerGap = 62;
    public const double Margin = 16;

    public static GraphLayout Compute(IReadOnlyList<GraphNodeInput> nodes, IReadOnlyList<GraphEdgeInput> edges)
    {
        var ids = nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).ToList();
        var byId = nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var links = edges.Where(e => byId.ContainsKey(e.From) && byId.ContainsKey(e.To) && e.From != e.To).ToList();
        var outgoing = ids.ToDictionary(id => id, id => links.Where(e => e.From == id).Select(e => e.To).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        // Depth-first from the starts (then from whatever is left): an edge to a node still on the stack closes a cycle.
        var backEdges = new HashSet<(string, string)>();
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(string id)
        {
            state[id] = 1;
            foreach (var next in outgoing[id])
            {
                switch (state.GetValueOrDefault(next))
                {
                    case 0:
                        Visit(next);
                        break;
                    case 1:
                        backEdges.Add((id, next));
                        break;
                }
            }

            state[id] = 2;
            order.Add(id);
        }

        foreach (var id in ids.Where(i => byId[i].Start).Concat(ids))
        {
            if (state.GetValueOrDefault(id) == 0)
            {
                Visit(id);
            }
        }

        order.Reverse();
        var layer = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var id in order)
        {
            foreach (var next in outgoing[id].Where(n => !backEdges.Contains((id, n))))
            {
                layer[next] = Math.Max(layer[next], layer[id] + 1);
            }
        }

        // Within a layer: by the mean column of the parents already placed, then the definition's order.
        var column = new Dictionary<string, double>(StringComparer.Ordinal);
        var layers = ids.GroupBy(id => layer[id]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        foreach (var members in layers)
        {
            var sorted = members
                .Select((id, index) => (id, index, parents: links.Where(e => e.To == id && column.ContainsKey(e.From)).Select(e => column[e.From]).ToList()))
                .OrderBy(m => m.parents.Count > 0 ? m.parents.Average() : double.MaxValue)
                .ThenBy(m => m.index)
                .Select(m => m.id)
                .ToList();
            members.Clear();
            members.AddRange(sorted);
            for (var i = 0; i < members.Count; i++)
            {
                column[members[i]] = i - (members.Count - 1) / 2.0;
            }
        }

        var widest = layers.Count == 0 ? 0 : layers.Max(l => l.Count);
        var layoutWidth = widest * BoxWidth + Math.Max(0, widest - 1) * ColumnGap;
        var placed = new List<GraphNode>();
        foreach (var id in ids)
        {
            var node = byId[id];
            var x = node.X ?? (Margin + layoutWidth / 2 + column[id] * (BoxWidth + ColumnGap) - BoxWidth / 2);
            var y = node.Y ?? (Margin + layer[id] * (BoxHeight + LayerGap));
            placed.Add(new GraphNode(id, node.Title, node.Kind, node.Start, layer[id], x, y));
        }

        // Positions from the definition may be anywhere: shift everything into view.
        if (placed.Count > 0)
        {
            var dx = Margin - placed.Min(n => n.X);
            var dy = Margin - placed.Min(n => n.Y);
            placed = placed.Select(n => n with { X = n.X + dx, Y = n.Y + dy }).ToList();
        }

        var at = placed.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var drawn = links
            .GroupBy(e => (e.From, e.To))
            .Select(g =>
            {
                var (from, to) = (at[g.Key.From], at[g.Key.To]);
                var label = string.Join(", ", g.Select(e => e.Label).Distinct(StringComparer.Ordinal));
                var backward = backEdges.Contains(g.Key);
                var (a, b) = (Center(from), Center(to));
                var crossed = placed.Any(n => n.Id != from.Id && n.Id != to.Id && Crosses(n, a, b));
                if (!crossed && !backward)
                {
                    var (x1, y1) = Border(from, b);
                    var (x2, y2) = Border(to, a);
                    return new GraphEdge(g.Key.From, g.Key.To, label, x1, y1, x2, y2, backward);
                }

                // Bend sideways (backward edges to the left, others to the right), by more the longer the edge.
                var (dx, dy) = (b.X - a.X, b.Y - a.Y);
                var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
                var offset = (BoxWidth * 0.6 + length * 0.15) * (backward ? -1 : 1);
                var control = ((a.X + b.X) / 2 - dy / length * offset, (a.Y + b.Y) / 2 + dx / length * offset);
                var (bx1, by1) = Border(from, control);
                var (bx2, by2) = Border(to, control);
                return new GraphEdge(g.Key.From, g.Key.To, label, bx1, by1, bx2, by2, backward, control.Item1, control.Item2);
            })
            .ToList();
        if (placed.Count == 0)
        {
            return new GraphLayout([], [], 2 * Margin, 2 * Margin);
        }

        // The canvas holds every box and every label (bent arrows reach out beside the boxes): shift into it.
        const double LabelHalfWidth = 80, LabelHalfHeight = 12;
        var left = Math.Min(placed.Min(n => n.X), drawn.Count == 0 ? double.MaxValue : drawn.Min(e => e.LabelX - LabelHalfWidth));
        var top = Math.Min(placed.Min(n => n.Y), drawn.Count == 0 ? double.MaxValue : drawn.Min(e => e.LabelY - LabelHalfHeight));
        var (sx, sy) = (Math.Max(0, Margin - left), Math.Max(0, Margin - top));
        placed = placed.Select(n => n with { X = n.X + sx, Y = n.Y + sy }).ToList();
        drawn = drawn.Select(e => e with { X1 = e.X1 + sx, Y1 = e.Y1 + sy, X2 = e.X2 + sx, Y2 = e.Y2 + sy, CX = e.CX + sx, CY = e.CY + sy }).ToList();
        var width = Math.Max(placed.Max(n => n.X + BoxWidth), drawn.Count == 0 ? 0 : drawn.Max(e => e.LabelX + LabelHalfWidth)) + Margin;
        var height = Math.Max(placed.Max(n => n.Y + BoxHeight), drawn.Count == 0 ? 0 : drawn.Max(e => e.LabelY + LabelHalfHeight)) + Margin;
        return new GraphLayout(placed, drawn, width, height);
    }

    /// <summary>Whether the segment from <paramref name="a"/> to <paramref name="b"/> passes through the box (Liang–Barsky clipping).</summary>
    private static bool Crosses(GraphNode node, (double X, double Y) a, (double X, double Y) b)
    {
        const double Inset = 4;
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        double t0 = 0, t1 = 1;
        foreach (var (p, q) in new[] { (-dx, a.X - (node.X + Inset)), (dx, node.X + BoxWidth - Inset - a.X), (-dy, a.Y - (node.Y + Inset)), (dy, node.Y + BoxHeight - Inset - a.Y) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }

                continue;
            }

            var t = q / p;
            if (p < 0)
            {
                t0 = Math.Max(t0, t);
            }
            else
            {
                t1 = Math.Min(t1, t);
            }

            if (t0 > t1)
            {
                return false;
            }
        }

        return true;
    }

    private static (double X, double Y) Center(GraphNode node) => (node.X + BoxWidth / 2, node.Y + BoxHeight / 2);

    /// <summary>Where the line from the box's centre towards <paramref name="target"/> leaves the box.</summary>
    private static (double X, double Y) Border(GraphNode node, (double X, double Y) target)
    {
        var (cx, cy) = Center(node);
        var (dx, dy) = (target.X - cx, target.Y - cy);
        if (dx == 0 && dy == 0)
        {
            return (cx, cy);
        }

        var scale = Math.Min(dx == 0 ? double.MaxValue : BoxWidth / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : BoxHeight / 2 / Math.Abs(dy));
        return (cx + dx * scale, cy + dy * scale);
    }
}
