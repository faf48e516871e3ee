// A user of the adapter writes `import GeneratorsHummingbird` and gets the generators and the
// bodies too.
@_exported import Generators
@_exported import GeneratorsWeb
