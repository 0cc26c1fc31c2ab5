using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Web.Cli;

var cli = ZonaWelfareCli.IsCommand(args);
var builder = WebApplication.CreateBuilder(cli ? [] : args);
if (cli)
{
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
}

builder.AddZonaWelfare(typeof(Program).Assembly);
var app = builder.Build();
if (cli)
{
    return await ZonaWelfareCli.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseZonaWelfare();
await app.RunAsync();
return 0;

/// <summary>The host's entry point; public so integration tests can start it.</summary>
public partial class Program;
