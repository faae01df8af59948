"""Index storage: vector + keyword indexes, chunk store, manifest, atomic build and swap."""
