namespace DataEngine.Cli.Bench;

/// <summary>What the head of `bench active-learning` learns from, and what k-center measures distance on.</summary>
enum ActiveLearningBenchFeatures
{
    /// <summary>MiniLM sentence embeddings and a logistic head on them (the engine's embedding tier).</summary>
    Embedding,

    /// <summary>Hashed word n-grams and the engine's n-gram head (the engine's first tier).</summary>
    Ngram,
}
