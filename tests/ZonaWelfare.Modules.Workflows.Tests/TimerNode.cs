using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Workflows;
using ZonaWelfare.Modules.Workflows.Activities;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Modules.Workflows.Tests;

/// <summary>
/// One node of the two-node timer test: the shipped modules plus <see cref="EchoInputActivity"/>, fast jobs, the
/// scheduler running. The test runs one in its own process and one as a child process
/// (<c>dotnet ZonaWelfare.Modules.Workflows.Tests.dll timer-node …</c>), which it can kill with SIGKILL.
/// </summary>
internal static class TimerNode
{
    public const string Verb = "timer-node";

    public const string Ready = "TIMER-NODE READY";

    public static async Task<TestPlatform> StartAsync(TestStore store)
    {
        var platform = await TestPlatform.StartAsync(store, WorkflowsTestZone.ShippedModules(), services => services.AddWorkflowActivity<EchoInputActivity>(), WorkflowsTestZone.FastJobs);
        await platform.StartJobsAsync();
        return platform;
    }

    /// <summary>Starts a node in a child process on the same store and waits until its scheduler runs.</summary>
    public static async Task<Process> SpawnAsync(TestStore store, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Kept open: the child ends when it reads end-of-file, so it never outlives a test process that died.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(TimerNode).Assembly.Location);
        info.ArgumentList.Add(Verb);
        info.ArgumentList.Add(store.Folder);
        info.ArgumentList.Add(store.PostgresConnectionString!);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data == Ready)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(timeout)) != ready.Task)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            string text;
            lock (output)
            {
                text = output.ToString();
            }

            throw new InvalidOperationException("The child node did not start:\n" + text);
        }

        return process;
    }

    /// <summary>The child process: runs a node until the parent closes its standard input (or it is killed).</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is not [Verb, var folder, var connectionString])
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} <data folder> <PostgreSQL connection string>");
            return 2;
        }

        var platform = await StartAsync(TestStore.Attach(StorageKind.Postgres, folder, connectionString));
        Console.WriteLine(Ready);
        await Console.In.ReadToEndAsync();
        await platform.DisposeAsync();
        return 0;
    }
}

/// <summary>A task that leaves by an outcome named after the instance's input (<c>userName</c>): its history row shows what the resumed run saw.</summary>
internal sealed class EchoInputActivity : WorkflowActivity<NoOptions>
{
    public override string Name => "EchoInput";

    public override string ModuleId => WorkflowsIds.Module;

    public override string DisplayName => "Eco dell'input (test)";

    public override WorkflowActivityKind Kind => WorkflowActivityKind.Task;

    protected override Task<ActivityResult> ExecuteAsync(NoOptions options, WorkflowExecutionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ActivityResult.Done("input:" + (context.Input["userName"]?.GetValue<string>() ?? "(none)")));
}
