using System.Collections.ObjectModel;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>
/// The record store's containers (and the review store's two and the review-link ledger's one), created (when missing and allowed) once, at first use: a failed attempt is
/// not remembered, so the next call tries again. See <see cref="CosmosRecordStore"/> for why each is keyed as it is.
/// </summary>
sealed class RecordContainers(CosmosClient client, CosmosRecordsOptions options)
{
    /// <summary>Runs and their batch markers: one small partition per run.</summary>
    public static readonly IReadOnlyList<string> RunsKey = ["/runId"];

    /// <summary>Items: per dataset, then per run, then per document (hierarchical, the last level unique).</summary>
    public static readonly IReadOnlyList<string> ItemsKey = ["/dataset", "/runId", "/id"];

    /// <summary>Dedup claims: per dataset, then per key (hierarchical, the last level unique).</summary>
    public static readonly IReadOnlyList<string> ClaimsKey = ["/dataset", "/id"];

    /// <summary>Annotations: per dataset, then per task, then per document (hierarchical, the last level unique).</summary>
    public static readonly IReadOnlyList<string> AnnotationsKey = ["/dataset", "/task", "/id"];

    /// <summary>Review tasks: per task (every access is a point operation by task id).</summary>
    public static readonly IReadOnlyList<string> ReviewTasksKey = ["/id"];

    /// <summary>Review assignments: per reviewer, then per document (hierarchical: a reviewer's queue is one prefix).</summary>
    public static readonly IReadOnlyList<string> ReviewAssignmentsKey = ["/reviewer", "/id"];

    /// <summary>Used review-link nonces: per nonce (every access is a point create by nonce).</summary>
    public static readonly IReadOnlyList<string> ReviewLinksKey = ["/id"];

    readonly SemaphoreSlim _gate = new(1, 1);
    volatile Handles? _handles;

    public sealed record Handles(
        Container Runs, Container Items, Container Claims, Container Annotations, Container ReviewTasks, Container ReviewAssignments,
        Container ReviewLinks);

    public async ValueTask<Handles> GetAsync(CancellationToken cancellationToken)
    {
        if (_handles is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _handles ??= await OpenAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task<Handles> OpenAsync(CancellationToken cancellationToken)
    {
        if (!options.CreateIfMissing)
        {
            var database = client.GetDatabase(options.DatabaseName);
            return new Handles(
                database.GetContainer(options.RunsContainer), database.GetContainer(options.ItemsContainer),
                database.GetContainer(options.ClaimsContainer), database.GetContainer(options.AnnotationsContainer),
                database.GetContainer(options.ReviewTasksContainer), database.GetContainer(options.ReviewAssignmentsContainer),
                database.GetContainer(options.ReviewLinksContainer));
        }

        try
        {
            Database database = await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken);
            var created = await Task.WhenAll(Definitions(options).Select(definition =>
                database.CreateContainerIfNotExistsAsync(definition, cancellationToken: cancellationToken)));
            return new Handles(
                created[0].Container, created[1].Container, created[2].Container, created[3].Container, created[4].Container, created[5].Container,
                created[6].Container);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(
                $"Cosmos database '{options.DatabaseName}' or one of its containers is missing and this identity may not create them " +
                "(data-plane roles cannot): create them with the infrastructure templates, or set CreateIfMissing to false once they exist.", ex);
        }
    }

    /// <summary>
    /// Every container as created when missing, in the order of <see cref="Handles"/>. The infrastructure template
    /// (infra/cosmos.bicep) declares the same; a test compares the two.
    /// </summary>
    internal static IReadOnlyList<ContainerProperties> Definitions(CosmosRecordsOptions options) =>
        [Runs(options), Items(options), Claims(options), Annotations(options), ReviewTasks(options), ReviewAssignments(options), ReviewLinks(options)];

    static ContainerProperties Runs(CosmosRecordsOptions options) => new(options.RunsContainer, RunsKey.Single())
    {
        IndexingPolicy = new IndexingPolicy
        {
            // Only point reads happen here: index nothing but what a person might query by hand.
            IncludedPaths = { new IncludedPath { Path = "/type/?" }, new IncludedPath { Path = "/dataset/?" }, new IncludedPath { Path = "/status/?" } },
            ExcludedPaths = { new ExcludedPath { Path = "/*" } },
        },
    };

    static ContainerProperties Items(CosmosRecordsOptions options)
    {
        var properties = new ContainerProperties(options.ItemsContainer, ItemsKey)
        {
            IndexingPolicy = new IndexingPolicy
            {
                IncludedPaths = { new IncludedPath { Path = "/*" } },

                // Never filtered on, and the longest strings: indexing them would only add RU to every write.
                ExcludedPaths = { new ExcludedPath { Path = "/reason/?" }, new ExcludedPath { Path = "/source/?" }, new ExcludedPath { Path = "/duplicateOf/?" } },
            },
        };

        // Listing a run pages by (ordinal, id): an ORDER BY on two properties needs this composite index.
        properties.IndexingPolicy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/ordinal", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/id", Order = CompositePathSortOrder.Ascending },
        });
        return properties;
    }

    static ContainerProperties Claims(CosmosRecordsOptions options) => new(options.ClaimsContainer, ClaimsKey)
    {
        IndexingPolicy = new IndexingPolicy
        {
            // Claims are read and written by id only.
            IncludedPaths = { new IncludedPath { Path = "/runId/?" } },
            ExcludedPaths = { new ExcludedPath { Path = "/*" } },
        },
    };

    static ContainerProperties Annotations(CosmosRecordsOptions options)
    {
        var properties = new ContainerProperties(options.AnnotationsContainer, AnnotationsKey)
        {
            IndexingPolicy = new IndexingPolicy
            {
                IncludedPaths = { new IncludedPath { Path = "/*" } },

                // Never filtered on, and the longest string: indexing it would only add RU to every write.
                ExcludedPaths = { new ExcludedPath { Path = "/reason/?" } },
            },
        };

        // One order serves both listings: a run's annotations (run fixed) and a task's labels (task fixed) both sort by
        // (runId, itemId, task, kindRank, annotatorId), and an ORDER BY on several properties needs this composite index.
        properties.IndexingPolicy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/runId", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/itemId", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/task", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/kindRank", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/annotatorId", Order = CompositePathSortOrder.Ascending },
        });
        return properties;
    }

    static ContainerProperties ReviewTasks(CosmosRecordsOptions options) => new(options.ReviewTasksContainer, ReviewTasksKey.Single())
    {
        IndexingPolicy = new IndexingPolicy
        {
            // Read and written by id only: index nothing but what a person might query by hand.
            IncludedPaths = { new IncludedPath { Path = "/dataset/?" }, new IncludedPath { Path = "/runId/?" } },
            ExcludedPaths = { new ExcludedPath { Path = "/*" } },
        },
    };

    static ContainerProperties ReviewAssignments(CosmosRecordsOptions options)
    {
        var properties = new ContainerProperties(options.ReviewAssignmentsContainer, ReviewAssignmentsKey)
        {
            IndexingPolicy = new IndexingPolicy
            {
                // The queue filters by reviewer, state and dataset and sorts by (assignedKey, id); a task's list filters by taskId.
                IncludedPaths =
                {
                    new IncludedPath { Path = "/reviewer/?" }, new IncludedPath { Path = "/state/?" }, new IncludedPath { Path = "/dataset/?" },
                    new IncludedPath { Path = "/assignedKey/?" }, new IncludedPath { Path = "/taskId/?" },
                },
                ExcludedPaths = { new ExcludedPath { Path = "/*" } },
            },
        };

        // The queue's ORDER BY on two properties needs this composite index.
        properties.IndexingPolicy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/assignedKey", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/id", Order = CompositePathSortOrder.Ascending },
        });
        return properties;
    }

    static ContainerProperties ReviewLinks(CosmosRecordsOptions options) => new(options.ReviewLinksContainer, ReviewLinksKey.Single())
    {
        // -1: TTL on, no default; each document sets its own ttl (see CosmosReviewTokenLedger).
        DefaultTimeToLive = -1,
        IndexingPolicy = new IndexingPolicy
        {
            // Only point creates happen here: index nothing but what a person might query by hand.
            IncludedPaths = { new IncludedPath { Path = "/expiresAt/?" } },
            ExcludedPaths = { new ExcludedPath { Path = "/*" } },
        },
    };
}
