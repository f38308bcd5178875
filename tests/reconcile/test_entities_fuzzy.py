"""The blocked fuzzy join scores a block at once; it must join exactly the pairs that a
pair-by-pair comparison joins."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from storyline.lexicon.gazetteer import fold
from storyline.models import LocalMention
from storyline.reconcile.entities import Group, _join_fuzzy, _UnionFind

_FIRST = ["Sergei", "Sergey", "Serge", "Samir", "Samira", "Salma", "Selim"]
_LAST = ["Shoigu", "Shoygu", "Haddad", "Hadad", "Hadid", "Okafor"]


def _group(i: int, name: str, type_: str = "PERSON") -> Group:
    g = Group(document=f"d{i}", cluster="c1", order=i)
    g.mentions.append(
        LocalMention(start=0, end=len(name), text=name, type=type_, name=name, cluster="c1")
    )
    return g


def _pairwise(groups: list[Group], klass: str, cutoff: float, same_last_word: bool):
    """The reference: every eligible pair in a block compared one by one."""
    uf = _UnionFind(len(groups))
    keys = {i: fold(g.name) for i, g in enumerate(groups)}
    eligible = [
        i for i, k in keys.items() if len(k) >= 6 and (klass != "person" or len(k.split()) >= 2)
    ]
    block = {i: keys[i].split()[-1] if same_last_word else keys[i][:2] for i in eligible}
    for a in eligible:
        for b in eligible:
            if a < b and block[a] == block[b] and fuzz.ratio(keys[a], keys[b]) >= cutoff:
                uf.union(a, b)
    return [uf.find(i) for i in range(len(groups))]


def _fast(groups: list[Group], klass: str, cutoff: float, same_last_word: bool):
    uf = _UnionFind(len(groups))
    _join_fuzzy(groups, uf, klass, cutoff, same_last_word)
    return [uf.find(i) for i in range(len(groups))]


def test_close_spellings_join_and_others_stay_apart():
    names = ["Sergei Shoigu", "Sergey Shoigu", "Samir Haddad", "Sergei Shoygu", "Salma Okafor"]
    roots = _fast([_group(i, n) for i, n in enumerate(names)], "person", 90.0, True)
    assert roots == [0, 0, 2, 3, 4]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_FIRST), st.sampled_from(_LAST)), min_size=2, max_size=25),
    st.sampled_from([(85.0, True), (90.0, True), (80.0, False), (92.0, False)]),
)
def test_block_scoring_matches_pairwise(pairs, setting):
    cutoff, same_last_word = setting
    groups = [_group(i, f"{f} {s}") for i, (f, s) in enumerate(pairs)]
    assert _fast(groups, "person", cutoff, same_last_word) == _pairwise(
        groups, "person", cutoff, same_last_word
    )
