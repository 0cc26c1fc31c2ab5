using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ZonaWelfare.Testing;

namespace ZonaWelfare.Bench.Tests;

/// <summary>Runs a benchmark's real entry point as its own process, from the build output of this test run.</summary>
internal static class BenchProcess
{
    /// <summary>Release or Debug: whatever built these tests built the tools too.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string WebFolder => Output("src/Web/ZonaWelfare.Web");

    public static string Dll(string project) => Path.Combine(Output(project), Path.GetFileName(project) + ".dll");

    /// <summary>The result of a finished process: its exit code and everything it printed.</summary>
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(file, arguments, workingDirectory, environment, out var output);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish in time. Output:\n{output}");
        }

        // The asynchronous readers deliver the last lines after the exit; this waits for them.
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>Starts a long-running process (the host); the caller stops it by its id.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment, out StringBuilder output)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var text = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(text, e.Data);
        process.ErrorDataReceived += (_, e) => Append(text, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = text;
        return process;
    }

    /// <summary>A TCP port nothing listens on at the moment, on the loopback address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Output(string project) => Path.Combine(RepositoryPaths.Root, project, "bin", Configuration, "net10.0");

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}
