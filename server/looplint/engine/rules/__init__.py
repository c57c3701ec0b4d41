"""The rules: their metadata and documentation (``registry``) and one detector module each."""
