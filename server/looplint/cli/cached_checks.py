"""Checking files through the persistent cache: what an earlier run computed for the same
inputs is taken as it is, the rest is checked (in parallel) and stored.

Only analyses are cached, never fixes: a run that writes computes them anew. A result is
stored only when the file the worker read is the file the key was computed from (it may
change meanwhile), so the cache never holds a result under another content's key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from looplint.cli.file_check import CheckOutcome, CheckRequest, Mode
from looplint.cli.parallel import check_files, summarize_modules
from looplint.engine import Finding
from looplint.engine.callgraph import LoopStart
from looplint.engine.project import ProjectIndex, ProjectModule, TextFacts
from looplint.project.cache import Cache, content_key
from looplint.project.cache_keys import content_digest, file_key, settings_text
from looplint.project.settle import SettingsFor

# A cached check: (findings, loop starters, text facts, what was not analyzed).
Stored = tuple[tuple[Finding, ...], dict[str, LoopStart], TextFacts | None, tuple[str, ...]]
# The key of a request's result, given the digest of the file's bytes and a way to read them
# (only keys that depend on the text read it); ``None`` when it is not cached.
KeyOf = Callable[[CheckRequest, str, Callable[[], bytes]], "str | None"]


def check_through(
    cache: Cache,
    requests: Sequence[CheckRequest],
    key_of: KeyOf,
    project: ProjectIndex | None = None,
    digests: Mapping[Path, str | None] | None = None,
) -> list[CheckOutcome]:
    """The outcome of each request: from the cache where ``key_of`` finds one, else checked
    (with ``project``) and stored. ``digests``: the files' digests, where a caller has read
    them already (they are not read again for keys that do not need their text)."""
    keys: list[tuple[str, str] | None] = []
    outcomes: list[CheckOutcome | None] = []
    for request in requests:
        key = _key(cache, request, key_of, (digests or {}).get(request.path))
        stored = cache.get(key[0]) if key is not None else None
        keys.append(key)
        outcomes.append(None if stored is None else outcome_from(request.path, stored, key))  # type: ignore[arg-type]
    missing = [index for index, outcome in enumerate(outcomes) if outcome is None]
    checked = check_files([requests[index] for index in missing], project)
    for index, outcome in zip(missing, checked, strict=True):
        outcomes[index] = outcome
        key = keys[index]
        if key is not None and outcome.content_digest == key[1] and _cacheable(outcome):
            cache.put(key[0], _stored(outcome))
            outcomes[index] = replace(outcome, cache_key=key[0])
    return [outcome for outcome in outcomes if outcome is not None]


def alone_key(stage: str) -> KeyOf:
    """Keys of a file's results that depend on the file alone."""

    def key_of(request: CheckRequest, digest: str, read: Callable[[], bytes]) -> str | None:
        if request.mode is not Mode.CHECK or request.is_notebook:
            return None
        return file_key(stage, digest, request.module, request.settings)

    return key_of


def with_project_key(project: ProjectIndex, text_of: Callable[[bytes], str | None]) -> KeyOf:
    """Keys of a module's findings with the project known: also keyed by what it can take
    from the other modules."""

    def key_of(request: CheckRequest, digest: str, read: Callable[[], bytes]) -> str | None:
        if request.mode is not Mode.CHECK or request.module is None:
            return None
        text = text_of(read())
        if text is None:
            return None
        dependencies = project.dependencies(request.module, text)
        return file_key("with-project", digest, request.module, request.settings, dependencies)

    return key_of


def summarize_through(cache: Cache) -> Callable[..., list[Mapping[str, LoopStart] | None]]:
    """``settle``'s way to find modules' starters (``summarize_modules``), through the cache."""

    def summarize_all(
        project: ProjectIndex, modules: Sequence[ProjectModule], settings_for: SettingsFor
    ) -> list[Mapping[str, LoopStart] | None]:
        keys: list[str | None] = []
        found: list[Mapping[str, LoopStart] | None] = []
        for module in modules:
            text = project.text_of(module)
            key = None
            if text is not None and cache.enabled:
                settings = settings_text(settings_for(module))
                dependencies = project.dependencies(module, text)
                key = content_key("summary", text, repr(module), settings, *dependencies)
            keys.append(key)
            found.append(cache.get(key) if key is not None else None)  # type: ignore[arg-type]
        missing = [index for index, starters in enumerate(found) if starters is None]
        computed = summarize_modules(project, [modules[i] for i in missing], settings_for)
        for index, starters in zip(missing, computed, strict=True):
            found[index] = starters
            key = keys[index]
            if key is not None and starters is not None:
                cache.put(key, dict(starters))
        return found

    return summarize_all


def _key(
    cache: Cache, request: CheckRequest, key_of: KeyOf, digest: str | None
) -> tuple[str, str] | None:
    """The request's key and the digest of the content it was computed from (``digest``
    when the caller knows it: the file is then read only if the key needs its text)."""
    if not cache.enabled:
        return None
    try:
        if digest is None:
            content = Path(request.path).read_bytes()
            digest = content_digest(content)
            key = key_of(request, digest, lambda: content)
        else:
            key = key_of(request, digest, Path(request.path).read_bytes)
    except OSError:
        return None
    return None if key is None else (key, digest)


def _cacheable(outcome: CheckOutcome) -> bool:
    return outcome.error is None and outcome.notebook is None and outcome.new_content is None


def _stored(outcome: CheckOutcome) -> Stored:
    return (outcome.findings, dict(outcome.starters), outcome.facts, outcome.not_analyzed)


def outcome_from(path: Path, stored: Stored, key: tuple[str, str] | None) -> CheckOutcome:
    """The outcome a stored check stands for (``key``: its cache key and content digest)."""
    findings, starters, facts, not_analyzed = stored
    return CheckOutcome(
        path,
        findings,
        starters=starters,
        facts=facts,
        not_analyzed=not_analyzed,
        content_digest=None if key is None else key[1],
        cache_key=None if key is None else key[0],
    )
