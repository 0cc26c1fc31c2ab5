namespace ZonaWelfare.Modules.Workflows;

internal static class WorkflowsIds
{
    public const string Module = "workflows";
}
