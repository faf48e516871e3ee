import Generators

/// The close operations of the package's generators, found at run time on any sequence, so a
/// stream that stops early can close its generator and wait for the cleanup.
@usableFromInline
protocol _ClosableSource {
    func _closeForStream() async
}

extension AsyncCoroutine: _ClosableSource {
    @usableFromInline
    func _closeForStream() async {
        // A close that fails (the body ignored it) is the body's bug; the stream is over either way.
        _ = try? await close()
    }
}

@usableFromInline
protocol _SyncClosableSource {
    func _closeForStream()
}

extension Coroutine: _SyncClosableSource {  // every Failure: close() is the same
    @usableFromInline
    func _closeForStream() {
        _ = try? close()
    }
}
