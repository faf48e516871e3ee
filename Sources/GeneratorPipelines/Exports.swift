// The sources hand out generators (`findFiles` is a `Generator`,
// `followLines` an `AsyncGenerator`): whoever imports GeneratorPipelines
// can drive them without importing Generators too.
@_exported import Generators
