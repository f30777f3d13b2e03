namespace DataEngine.Models;

/// <summary>Marker for the models assembly (embedded resources, DI scanning).</summary>
public static class ModelsAssembly;
