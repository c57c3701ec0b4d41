"""The ``looplint`` command: ``check`` files and folders, show a ``rule``, start the ``server``."""
