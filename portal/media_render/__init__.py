"""One pipeline for the background media of every feature: speech audio and e-books.

A feature declares what it renders (`registry.Renderer`: which texts become which audio,
which e-book, where the results go) and asks for a render with `service.request` when an item
changes. It gets: one queued render per item however many requests come (`ledger`), outputs
named after what they are made of, the waiting/done/failed states with the editor's reason in
words (`jobs`, `portal.jobs.failures`, the `media_state` macro), retries with backoff, runs
resumed after a dead worker, and the sweep of what a killed render left behind.
"""
