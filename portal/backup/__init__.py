"""Backups: a consistent copy of the database, a tar of MEDIA_ROOT and a manifest with checksums.

`flask backup DIR` runs while gunicorn and the worker keep writing: SQLite through the online
backup API (one read snapshot; in WAL mode writers carry on), PostgreSQL through pg_dump on the
snapshot of the transaction that counted the rows (`postgres`). `flask restore DIR`
checks every checksum before touching anything, refuses a database or media directory that
already holds data unless forced, and swaps the new files in by renaming them. Backups hold
personal data (contacts, private petition photos): the directory is created mode 0700.

A backup that cannot finish (the destination is full, a tool fails) removes what it wrote; a
destination without room for the estimated size is refused before anything is written.

The modules, each importing only those above it: `archive` (the files of a backup, its manifest
and checks), `postgres` (pg_dump and pg_restore), `write` (making a backup, with its room
checks), `restore` (putting one back), `to_postgresql` (moving a SQLite portal to PostgreSQL)
and `commands` (the CLI).
"""
