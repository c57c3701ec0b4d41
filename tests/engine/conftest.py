"""Engine tests: pytest puts this folder on ``sys.path``, so every test here and in the
sub-folders imports its shortcuts from ``analyzed``."""
