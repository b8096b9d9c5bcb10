"""Related stories (issue 7): other versions of the same copy, related-story suggestions with
reasons, and proposed event threads.

Why a package of small modules rather than one ``related.py``: the four jobs run at different
times and scale differently. Near-duplicate signatures (:mod:`.near_duplicates`) are computed
once per article at import and stored; relatedness features (:mod:`.features`) depend on the
archive-wide word statistics; ranking (:mod:`.suggest`) runs on demand for one story; threads
(:mod:`.threads`) run over the whole archive as a background job that only *proposes* groups.

Nothing here imports Qt or touches storage: the caller (store, CLI, GUI) passes texts, dates,
confirmed entity keys and quotation ids in, and stores what comes out.
"""

from __future__ import annotations
