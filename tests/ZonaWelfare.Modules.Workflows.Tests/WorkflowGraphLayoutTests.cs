using ZonaWelfare.Modules.Workflows.Admin;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>The drawn graph's layout: layers by the longest path from the starts, no overlaps, cycles and positions handled.</summary>
public sealed class WorkflowGraphLayoutTests
{
    [Fact]
    public void Activities_are_layered_by_the_longest_path_from_the_start_and_do_not_overlap()
    {
        // start → if → (yes) a → join; (no) join directly: the join sits below a, not beside it.
        var layout = WorkflowGraphLayout.Compute(
            [Node("start", start: true), Node("if"), Node("a"), Node("join"), Node("end")],
            [Edge("start", "if", "Fatto"), Edge("if", "a", "Sì"), Edge("if", "join", "No"), Edge("a", "join", "Fatto"), Edge("join", "end", "Fatto")]);

        var layer = layout.Nodes.ToDictionary(n => n.Id, n => n.Layer);
        Assert.Equal(new Dictionary<string, int> { ["start"] = 0, ["if"] = 1, ["a"] = 2, ["join"] = 3, ["end"] = 4 }, layer);
        AssertNoOverlap(layout);
        Assert.All(layout.Nodes, n => Assert.True(n.X >= 0 && n.Y >= 0 && n.X + WorkflowGraphLayout.BoxWidth <= layout.Width && n.Y + WorkflowGraphLayout.BoxHeight <= layout.Height));
        Assert.Single(layout.Nodes, n => n.Start);
        Assert.Equal(5, layout.Edges.Count);
        Assert.All(layout.Edges, e => Assert.False(e.Backward));
        // «No» skips a layer: it bends around «a» instead of running through it.
        Assert.True(layout.Edges.Single(e => e.From == "if" && e.To == "join").Bent);
        Assert.All(layout.Edges.Where(e => e.From != "if" || e.To != "join"), e => Assert.False(e.Bent));

        // Arrows run from the bottom of a box to the top of the next one.
        var first = layout.Edges.Single(e => e.From == "start");
        var start = layout.Nodes.Single(n => n.Id == "start");
        var next = layout.Nodes.Single(n => n.Id == "if");
        Assert.Equal(start.Y + WorkflowGraphLayout.BoxHeight, first.Y1, 3);
        Assert.Equal(next.Y, first.Y2, 3);
    }

    [Fact]
    public void Branches_of_a_fork_sit_side_by_side_in_one_layer()
    {
        var layout = WorkflowGraphLayout.Compute(
            [Node("fork", start: true), Node("left"), Node("right"), Node("join")],
            [Edge("fork", "left", "a"), Edge("fork", "right", "b"), Edge("left", "join", "Fatto"), Edge("right", "join", "Fatto")]);

        var left = layout.Nodes.Single(n => n.Id == "left");
        var right = layout.Nodes.Single(n => n.Id == "right");
        Assert.Equal(left.Y, right.Y);
        Assert.True(right.X >= left.X + WorkflowGraphLayout.BoxWidth);
        var fork = layout.Nodes.Single(n => n.Id == "fork");
        // The single box of a layer is centred over the two below it.
        Assert.Equal((left.X + right.X) / 2, fork.X, 3);
        AssertNoOverlap(layout);
    }

    [Fact]
    public void A_cycle_is_drawn_as_a_backward_edge_and_does_not_push_layers_forever()
    {
        var layout = WorkflowGraphLayout.Compute(
            [Node("start", start: true), Node("wait"), Node("check")],
            [Edge("start", "wait", "Fatto"), Edge("wait", "check", "Fatto"), Edge("check", "wait", "No"), Edge("check", "wait", "Forse")]);

        Assert.Equal([0, 1, 2], layout.Nodes.Select(n => n.Layer));
        var back = Assert.Single(layout.Edges, e => e.Backward);
        Assert.Equal(("check", "wait", "No, Forse"), (back.From, back.To, back.Label));
    }

    [Fact]
    public void Positions_from_the_definition_are_kept_and_unreachable_activities_are_still_drawn()
    {
        var layout = WorkflowGraphLayout.Compute(
            [Node("start", start: true, x: 400, y: 300), Node("next", x: 400, y: 500), Node("orphan")],
            [Edge("start", "next", "Fatto"), Edge("start", "missing", "Fatto")]);

        var start = layout.Nodes.Single(n => n.Id == "start");
        var next = layout.Nodes.Single(n => n.Id == "next");
        Assert.Equal(200, next.Y - start.Y);
        Assert.Equal(start.X, next.X);
        Assert.Contains(layout.Nodes, n => n.Id == "orphan");
        // The edge to an activity that does not exist is left out of the drawing.
        Assert.Single(layout.Edges);
        Assert.All(layout.Nodes, n => Assert.True(n.X >= 0 && n.Y >= 0));
    }

    [Fact]
    public void An_empty_graph_has_a_small_canvas()
    {
        var layout = WorkflowGraphLayout.Compute([], []);
        Assert.Empty(layout.Nodes);
        Assert.True(layout.Width > 0 && layout.Height > 0);
    }

    private static GraphNodeInput Node(string id, bool start = false, int? x = null, int? y = null) => new(id, "Titolo " + id, "Tipo", start, x, y);

    private static GraphEdgeInput Edge(string from, string to, string label) => new(from, to, label);

    private static void AssertNoOverlap(GraphLayout layout)
    {
        foreach (var a in layout.Nodes)
        {
            foreach (var b in layout.Nodes.Where(b => string.CompareOrdinal(b.Id, a.Id) > 0))
            {
                var apart = a.X + WorkflowGraphLayout.BoxWidth <= b.X || b.X + WorkflowGraphLayout.BoxWidth <= a.X
                    || a.Y + WorkflowGraphLayout.BoxHeight <= b.Y || b.Y + WorkflowGraphLayout.BoxHeight <= a.Y;
                Assert.True(apart, $"{a.Id} and {b.Id} overlap");
            }
        }
    }
}
