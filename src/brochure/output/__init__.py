"""Output: build sets of brochures, write files atomically, join fair packs."""
