using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataEngine.Local.Durable;

/// <summary>
/// The local durable host: an orchestration service behind a gRPC sidecar on a loopback port, and a Durable Task worker
/// and client connected to it, all in this process. Orchestrations run exactly as they do in Durable Functions. With the
/// in-memory backend (the default) their state is gone with the process, and completed work survives restarts through
/// the record store's batch markers; with the Azure Storage backend their history survives and a run resumes from it.
/// </summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    readonly WebApplication _sidecar;
    readonly IHost _worker;
    readonly GrpcChannel _channel;

    LocalDurableHost(WebApplication sidecar, IHost worker, GrpcChannel channel, OrchestrationBackend backend)
    {
        Backend = backend;
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>Where orchestration state lives.</summary>
    public OrchestrationBackend Backend { get; }

    /// <summary>Schedules and queries orchestrations.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The worker's services: those registered by <c>configureServices</c>, used by the activities.</summary>
    public IServiceProvider Services => _worker.Services;

    /// <summary>Starts the sidecar and the worker.</summary>
    /// <param name="registerTasks">Adds the orchestrators and activities.</param>
    /// <param name="configureServices">Registers what the activities need (ports, Core services).</param>
    /// <param name="backend">Where orchestration state lives; null for in memory.</param>
    /// <param name="concurrency">How many orchestration and activity work items may run at once.</param>
    public static async Task<LocalDurableHost> StartAsync(
        Action<DurableTaskRegistry> registerTasks,
        Action<IServiceCollection> configureServices,
        OrchestrationBackendFactory? backend = null,
        int concurrency = 64,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var orchestrations = backend is null
            ? OrchestrationBackend.InMemory(concurrency, loggerFactory)
            : await backend(concurrency, loggerFactory, cancellationToken);

        var sidecarBuilder = WebApplication.CreateSlimBuilder();
        sidecarBuilder.Logging.ClearProviders();
        sidecarBuilder.Services.AddSingleton(loggerFactory);
        sidecarBuilder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 64 << 20);
        sidecarBuilder.Services.AddSingleton(orchestrations.Service);
        sidecarBuilder.Services.AddSingleton(orchestrations.Client);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);

        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });

        var workerBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        workerBuilder.Logging.ClearProviders();
        workerBuilder.Services.AddSingleton(loggerFactory);
        configureServices(workerBuilder.Services);
        workerBuilder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(channel);
            worker.Configure(options =>
            {
                options.Concurrency.MaximumConcurrentActivityWorkItems = concurrency;
                options.Concurrency.MaximumConcurrentOrchestrationWorkItems = concurrency;
            });
        });
        workerBuilder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        var worker = workerBuilder.Build();
        await worker.StartAsync(cancellationToken);

        return new LocalDurableHost(sidecar, worker, channel, orchestrations);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _worker.StopAsync(stop.Token);
            await _sidecar.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutdown is best effort: the in-memory state is discarded either way.
        }

        _worker.Dispose();
        _channel.Dispose();
        await _sidecar.DisposeAsync();
    }
}
