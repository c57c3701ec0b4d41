"""The project layer: what a project is, below both front ends.

Which files belong to a project, what each module is called and what its imports reach, the
index of loop starters settled across modules, the second pass over the modules that call into
others, the one budget for inference, and the persistent cache. ``looplint check`` and the
language server both call it; the engine below it knows nothing of files.
"""
