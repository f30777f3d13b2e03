using DataEngine.Contracts.Emulators;

namespace DataEngine.Functions.Tests.Emulators;

/// <summary>The emulators for this assembly's classes marked <c>[Collection("emulators")]</c>.</summary>
[CollectionDefinition("emulators")]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;
