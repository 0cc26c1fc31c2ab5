using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZonaWelfare.Abstractions.Data;

namespace ZonaWelfare.Testing;

/// <summary>
/// Counts the SQL commands each HTTP request sends to its zone's database, by request path and query: register it
/// as a singleton <see cref="IZoneDbInterceptor"/> in the test host with <see cref="RequestTargets"/>, make requests
/// one at a time, read <see cref="Commands"/>.
/// </summary>
public sealed class SqlCommandCounter(IHttpContextAccessor http) : DbCommandInterceptor, IZoneDbInterceptor
{
    private const string TargetKey = "zw.test.target";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _commands = new(StringComparer.Ordinal);

    /// <summary>The commands sent while serving <paramref name="pathAndQuery"/>, as the client wrote it (e.g. <c>/api/livornese/services?page=2</c>).</summary>
    public IReadOnlyList<string> Commands(string pathAndQuery) => _commands.TryGetValue(pathAndQuery, out var list) ? [.. list] : [];

    public void Clear() => _commands.Clear();

    /// <summary>The requests that sent commands, with how many (for failure messages).</summary>
    public string Summary() => string.Join(", ", _commands.Select(c => $"{c.Key}: {c.Value.Count}"));

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return base.ScalarExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        if (http.HttpContext is { } context)
        {
            // The address as the client sent it: zone resolution moves /api/{zone} and /{zone} out of the path.
            var target = context.Items[TargetKey] as string ?? context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            _commands.GetOrAdd(target, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
        }
    }

    /// <summary>Notes each request's address before the zone middleware rewrites it; register as an <see cref="IStartupFilter"/>.</summary>
    public sealed class RequestTargets : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, call) =>
            {
                context.Items[TargetKey] = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                return call(context);
            });
            next(app);
        };
    }
}
