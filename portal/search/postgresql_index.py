"""The PostgreSQL full-text search backend (SEARCH_BACKEND=postgresql).

Documents live in `search_documents` (see models.py) with two vectors: the words as written
and the same words through `unaccent` ("đường" → "duong"). The words are cut (postgresql_write.py)
with the pattern the Whoosh backend uses, so both engines see the same words; PostgreSQL's `simple`
configuration keeps every syllable (no stop words: "an", "in" are Vietnamese).

Matching is done on the folded vector (every exact match is also a folded match); ranking adds
the exact vector, so "đường" ranks pages that write "đường" above pages that write "duong".
Writing (one advisory-locked transaction per write, any number of writers) is in
postgresql_write.py; this module reads and ranks.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from . import dictionary, suggest
from . import postgresql_write as write
from . import query as q
from .distance import within
from .found import Filters, Found, Row
from .postgresql_sql import Sql as _Sql
from .postgresql_sql import Word as _Word
from .postgresql_sql import lexeme as _lexeme
from .registry import SearchDocument

# ts_rank weights, in PostgreSQL's order {D, C, B, A}: text, -, summary, title.
EXACT_WEIGHTS = "{0.33,0,0.5,1}"
FOLDED_WEIGHTS = "{0.35,0,0.35,1}"
EXACT_BOOST, FOLDED_BOOST, PHRASE_BOOST, SIDE_BY_SIDE_BOOST, SYNONYM_BOOST = 3.0, 2.0, 2.0, 4.0, 0.5
FUZZY_CANDIDATES = 2000
SUGGESTION_CANDIDATES = 12


class PostgresBackend:
    name = "postgresql"

    def __init__(self, engine: Engine) -> None:
        """`engine`: the portal's database (tests point its search_path at a scratch schema)."""
        self.engine = engine

    def ensure(self) -> None:
        """The tables come with the migrations; check that they are there."""
        if not self.exists():
            raise RuntimeError("table search_documents is missing: run `flask db-upgrade` (or `flask init`)")

    def exists(self) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": "search_documents"})

    def upsert(self, docs: list[SearchDocument]) -> None:
        write.write(self.engine, [], "", docs)

    def delete(self, doc_ids: list[str]) -> None:
        write.write(self.engine, list(doc_ids), "", [])

    def replace_prefix(self, prefix: str, docs: list[SearchDocument]) -> None:
        write.write(self.engine, [], prefix, docs)

    def rebuild(self, docs) -> int:
        return write.rebuild(self.engine, docs)

    # -- reading ---------------------------------------------------------------------------

    def doc_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(text("SELECT count(*) FROM search_documents"))

    def counts_by_kind(self, kinds) -> dict[str, int]:
        with self.engine.connect() as conn:
            found = dict(conn.execute(text("SELECT kind, count(*) FROM search_documents GROUP BY kind")).all())
        return {kind: found.get(kind, 0) for kind in kinds}

    def generation(self) -> str:
        """Changes with every write to the index (each write stamps search_writes)."""
        with self.engine.connect() as conn:
            row = conn.execute(text("SELECT current_schema(), (SELECT written_at FROM search_writes "
                                    "WHERE name = 'index')")).one()
        return f"{self.engine.url.render_as_string(hide_password=True)}:{row[0]}:{row[1]}"

    def updated_at(self) -> float | None:
        with self.engine.connect() as conn:
            return conn.scalar(text("SELECT extract(epoch FROM written_at)::float FROM search_writes "
                                    "WHERE name = 'index'"))

    def doc_frequencies(self, folded_words: list[str]) -> tuple[int, dict[str, int]]:
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT w, (SELECT count(*) FROM search_documents WHERE folded @@ phraseto_tsquery('simple', w)) "
                "FROM unnest(CAST(:words AS text[])) AS w UNION ALL "
                "SELECT NULL, count(*) FROM search_documents"), {"words": folded_words}).all()
        found = {w: n for w, n in rows if w is not None}
        return next(n for w, n in rows if w is None), {w: found.get(w, 0) for w in folded_words}

    def contents(self) -> tuple[str, set[str]]:
        with self.engine.connect() as conn:
            stored = "\n".join(" | ".join(str(v) for v in row) for row in conn.execute(text(
                "SELECT doc_id, kind, title, summary, text, url, unit_code, province_code FROM search_documents")))
            lexemes = set(conn.scalars(text(
                "SELECT DISTINCT w FROM search_documents, unnest(tsvector_to_array(exact) || "
                "tsvector_to_array(folded)) AS w")))
            lexemes |= set(conn.scalars(text("SELECT word FROM search_terms UNION SELECT folded FROM search_terms")))
        return stored, lexemes

    def _words(self, conn: Connection, parsed: q.Parsed) -> list[_Word]:
        """Each typed word with its folded form (by `unaccent`, as indexed) and whether it is known."""
        rows = conn.execute(text(
            "SELECT w, unaccent(w), EXISTS (SELECT 1 FROM search_terms t WHERE t.folded = unaccent(w)) "
            "FROM unnest(CAST(:words AS text[])) WITH ORDINALITY AS x(w, n) ORDER BY n"),
            {"words": parsed.words}).all()
        found = [_Word(typed, folded, known, typed in parsed.prefixes) for typed, folded, known in rows]
        for word in found:
            if not word.prefix and not word.known and len(word.folded) >= q.FUZZY_MIN:
                word.typos = [w for w, _docs in self._near(conn, word.folded, 1)]
        return found

    @staticmethod
    def _unaccent(conn: Connection, values: list[str]) -> dict[str, str]:
        """value -> the value through `unaccent`, as the index folds it (one round trip)."""
        return dict(conn.execute(text("SELECT v, unaccent(v) FROM unnest(CAST(:values AS text[])) AS v"),
                                 {"values": list(dict.fromkeys(values))}).all())

    def _near(self, conn: Connection, folded: str, limit: int) -> list[tuple[str, int]]:
        """Known folded words within `limit` edits with the same first letter, most used first."""
        rows = conn.execute(text(
            "SELECT folded, sum(docs) AS n FROM search_terms "
            "WHERE starts_with(folded, :first) AND length(folded) BETWEEN :short AND :long AND folded <> :w "
            "GROUP BY folded ORDER BY n DESC, folded LIMIT :most"),
            {"first": folded[:1], "short": len(folded) - limit, "long": len(folded) + limit, "w": folded,
             "most": FUZZY_CANDIDATES}).all()
        return [(w, n) for w, n in rows if within(folded, w, limit)]

    def _word_queries(self, sql: _Sql, word: _Word) -> tuple[str, str]:
        """(query on the exact vector, query on the folded vector) for one typed word."""
        if word.prefix:
            return (f"to_tsquery('simple', {sql.bind(_lexeme(word.typed) + ':*')})",
                    f"to_tsquery('simple', {sql.bind(_lexeme(word.folded) + ':*')})")
        exact = f"phraseto_tsquery('simple', {sql.bind(word.typed)})"
        folded = f"phraseto_tsquery('simple', {sql.bind(word.folded)})"
        if word.typos:
            folded = f"({folded} || CAST({sql.bind(' | '.join(_lexeme(t) for t in word.typos))} AS tsquery))"
        return exact, folded

    def search(self, parsed: q.Parsed, filters: Filters, page: int, per_page: int, any_word: bool,
               counts: bool = True) -> Found:
        with self.engine.connect() as conn:
            # A match is found through the GIN index, never by reading every row: once the phrases
            # are constants the planner may pick a sequential scan (say for "vneid" and its phrases
            # of the dictionary), which unpacks every document's vectors (25 ms at 10,000 documents
            # against 3 ms). For this transaction only: the connection returns to the pool without it.
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            found_words = self._words(conn, parsed)
            sql = _Sql()
            by_word = {w.typed: w for w in found_words}

            # Phrases folded beforehand: `unaccent` is only STABLE, so inside the statement it would
            # be called again for every row ranked, in every expression that holds it.
            folded_phrases = self._unaccent(conn, [" ".join(o) for _s, _n, others in parsed.synonyms for o in others]
                                            + [" ".join(p) for p in parsed.phrases] + [" ".join(parsed.words)])

            def phrase(words: list[str]) -> tuple[str, str]:
                joined = " ".join(words)
                return (f"phraseto_tsquery('simple', {sql.bind(joined)})",
                        f"phraseto_tsquery('simple', {sql.bind(folded_phrases[joined])})")

            def join(operator: str):
                return lambda items: tuple("(" + f" {operator} ".join(i[n] for i in items) + ")" for n in (0, 1))

            pairs = q.clauses(parsed, lambda w: self._word_queries(sql, by_word[w]), phrase, join("||"),
                              join("&&"))
            every = " && ".join(f for _e, f in pairs)
            either = " || ".join(f for _e, f in pairs)
            # Ranked by the words as typed; the dictionary's other phrases only find, and weigh less.
            typed = [self._word_queries(sql, w) for w in found_words]
            exact_any = " || ".join(e for e, _f in typed)
            typed_any = " || ".join(f for _e, f in typed)
            phrases = [f"folded @@ phraseto_tsquery('simple', {sql.bind(folded_phrases[' '.join(p)])})"
                       for p in parsed.phrases]
            phrase_rank = " + ".join(
                f"ts_rank(exact, phraseto_tsquery('simple', {sql.bind(' '.join(p))}))" for p in parsed.phrases)
            place = self._place(sql, filters)
            hidden = filters.hidden if not filters.kind else ()
            mask = f"kind <> ALL({sql.bind(list(hidden))})" if hidden else ""
            kind = f"kind = {sql.bind(filters.kind)}" if filters.kind else ""
            score = (f"{EXACT_BOOST} * ts_rank('{EXACT_WEIGHTS}'::float4[], exact, {exact_any}, 1) + "
                     f"{FOLDED_BOOST} * ts_rank('{FOLDED_WEIGHTS}'::float4[], folded, {typed_any}, 1)"
                     + (f" + {SYNONYM_BOOST} * ts_rank('{FOLDED_WEIGHTS}'::float4[], folded, {either}, 1)"
                        if parsed.synonyms else "")
                     + (f" + {PHRASE_BOOST} * ({phrase_rank})" if phrase_rank else ""))
            if len(parsed.words) > 1 and not parsed.prefixes:  # the words side by side rank first
                side_exact, side_folded = phrase(parsed.words)
                # ts_rank does not look at positions: only pages that hold the phrase get the bonus,
                # a flat part (they come first) and a ranked part (titles before texts).
                score += (f" + {SIDE_BY_SIDE_BOOST} * (CASE WHEN folded @@ {side_folded} THEN 0.25 + "
                          f"ts_rank('{EXACT_WEIGHTS}'::float4[], exact, {side_exact}, 1) "
                          f"+ ts_rank('{FOLDED_WEIGHTS}'::float4[], folded, {side_folded}, 1) ELSE 0 END)")
            need = page * per_page
            strict = [f"folded @@ ({every})", *phrases]
            counted = q.loose_clauses(parsed, lambda w: self._word_queries(sql, by_word[w]), phrase, join("||"))
            loose = [f"folded @@ ({either})", *phrases,
                     " + ".join(f"(folded @@ {f})::int" for _e, f in counted) + f" >= {q.half(parsed)}"]
            used = loose if any_word else strict
            rows, total = self._rows(conn, sql, score, [*used, place, kind, mask], need)
            every = 0 if any_word else total
            if not any_word and total < need and len(pairs) > 1:
                # Pages with every word first; then pages with at least half of them.
                more, others = self._rows(conn, sql, score, [*loose, f"NOT ({' AND '.join(strict)})", place,
                                                              kind, mask], need)
                rows, total, used = rows + more, total + others, loose
            found = Found(rows=rows[(page - 1) * per_page:need], total=total, every=every)
            if counts:
                found.by_kind = self._by_kind(conn, sql, [*used, place, mask])
                certain = total >= 3 and all(w.known for w in found_words)
                found.suggestion = "" if certain else self._suggestion(conn, found_words)
            return found

    @staticmethod
    def _place(sql: _Sql, filters: Filters) -> str:
        if filters.unit:
            return f"unit_code = {sql.bind(filters.unit)}"
        if filters.province:
            code = sql.bind(filters.province)
            return f"(province_code = {code} OR unit_code = {code})"
        return ""

    def _rows(self, conn: Connection, sql: _Sql, score: str, where: list[str], limit: int) -> tuple[list[Row], int]:
        # The score and the conditions are written by this module; every value in them is bound.
        # Ranked first on the vectors alone; the texts (a library document's can be long) are read
        # for the rows of the page only, not carried through the sort of every match.
        condition = " AND ".join(w for w in where if w)
        if not limit:  # counted only
            return [], conn.scalar(text("SELECT count(*) FROM search_documents WHERE " + condition),  # noqa: S608 # nosec B608
                                   sql.params)
        statement = ("WITH ranked AS (SELECT doc_id, published, " + score + " AS score, "  # noqa: S608 # nosec B608
                     "count(*) OVER () AS total FROM search_documents WHERE " + condition +
                     " ORDER BY score DESC, published DESC NULLS LAST, doc_id LIMIT :limit) "
                     "SELECT d.kind, d.title, d.url, d.unit_code, d.summary, d.text, r.score, r.total "
                     "FROM ranked r JOIN search_documents d USING (doc_id) "
                     "ORDER BY r.score DESC, r.published DESC NULLS LAST, r.doc_id")
        result = conn.execute(text(statement), {**sql.params, "limit": limit}).all()
        rows = [Row(kind=r[0], title=r[1], url=r[2], unit_code=r[3], summary=r[4], text=r[5], score=float(r[6]))
                for r in result]
        return rows, (result[0][7] if result else 0)

    def _by_kind(self, conn: Connection, sql: _Sql, where: list[str]) -> dict[str, int]:
        condition = " AND ".join(w for w in where if w)  # written by this module; every value is bound
        statement = "SELECT kind, count(*) FROM search_documents WHERE " + condition + " GROUP BY kind"  # noqa: S608 # nosec B608
        return dict(conn.execute(text(statement), sql.params).all())

    def _suggestion(self, conn: Connection, found_words: list[_Word]) -> str:
        """The query with each unknown word replaced by the known word within two edits that appears
        most often together with the other words typed (then the closest, then the most used); every
        word typed without diacritics is shown in the spelling most documents use."""
        changed, out = False, []
        for i, word in enumerate(found_words):
            if word.known or dictionary.known(word.folded) or word.folded.isdigit() or word.prefix:
                out.append(word.folded if word.typed == word.folded else word.typed)
                continue
            best = self._best_correction(conn, word.folded, [w.folded for j, w in enumerate(found_words)
                                                             if j != i and w.known and not w.prefix],
                                         [*out, *(w.folded for w in found_words[i:])], i)
            if best:
                out.append(best)
                changed = True
            else:
                out.append(word.typed)
        if not changed:
            return ""
        shown = []
        for word, typed in zip(out, found_words, strict=True):
            if word == typed.typed and word != typed.folded:
                shown.append(word)  # typed with diacritics: kept as typed
                continue
            shown.append(conn.scalar(text(
                "SELECT word FROM search_terms WHERE folded = :f ORDER BY docs DESC, word LIMIT 1"),
                {"f": word}) or word)
        return " ".join(suggest.spelled([w.typed for w in found_words], shown))

    def _best_correction(self, conn: Connection, folded: str, others: list[str], words: list[str], i: int) -> str:
        near = sorted(self._near(conn, folded, 2),
                      key=lambda item: (not within(folded, item[0], 1), -item[1], item[0]))[:SUGGESTION_CANDIDATES]
        phrase = suggest.in_phrase(words, i, [w for w, _n in near])
        if phrase:
            return phrase  # makes a phrase of the dictionary with the words around it
        if not near or not others:
            return near[0][0] if near else ""
        together = dict(conn.execute(text(
            "SELECT c, (SELECT count(*) FROM search_documents "
            "WHERE folded @@ (phraseto_tsquery('simple', c) && CAST(:others AS tsquery))) "
            "FROM unnest(CAST(:candidates AS text[])) AS c"),
            {"others": " & ".join(_lexeme(w) for w in others), "candidates": [w for w, _n in near]}).all())
        return max(near, key=lambda item: together.get(item[0], 0))[0]  # ties: the earlier (closer, more used)
