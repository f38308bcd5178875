"""Run snapshots kept as differences: each run stores what changed in the snapshot
since the run before it, so the store grows with what changes, not with its size times
the number of runs. A snapshot is a dict of sections, each a list of JSON items that
carry their identity as `key` (or `id`); the store never looks inside them otherwise.

>>> a = {"stories": [{"id": "s1", "documents": ["d1"]}]}
>>> b = {"stories": [{"id": "s1", "documents": ["d1", "d2"]}, {"id": "s2"}]}
>>> apply_diff(a, diff_snapshots(a, b)) == b
True
"""

from __future__ import annotations

from typing import Any

Snapshot = dict[str, list[dict[str, Any]]]


def _identity(item: dict[str, Any]) -> str:
    return str(item.get("key", item.get("id")))


def diff_snapshots(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """Per section, the items new or changed (`put`) and the identities gone (`gone`)."""
    out: dict[str, Any] = {}
    for section in sorted(set(old) | set(new)):
        before = {_identity(i): i for i in old.get(section, [])}
        after = {_identity(i): i for i in new.get(section, [])}
        put = [i for k, i in after.items() if before.get(k) != i]
        gone = [k for k in before if k not in after]
        if put or gone:
            out[section] = {"put": put, "gone": gone}
    return out


def apply_diff(snapshot: Snapshot, diff: dict[str, Any]) -> Snapshot:
    """The snapshot after a run's difference (a new dict; the input is left alone)."""
    out = {section: list(items) for section, items in snapshot.items()}
    for section, change in diff.items():
        items = {_identity(i): i for i in out.get(section, [])}
        for key in change.get("gone", []):
            items.pop(key, None)
        for item in change.get("put", []):
            items[_identity(item)] = item
        out[section] = list(items.values())
        if not out[section]:
            del out[section]  # an empty section is left out, as the dumps leave it out
    return out
