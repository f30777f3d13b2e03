namespace DataEngine.Models.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Models_assembly_loads() => Assert.Equal("DataEngine.Models", typeof(ModelsAssembly).Assembly.GetName().Name);
}
