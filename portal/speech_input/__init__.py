"""Speech input: recorded Vietnamese speech written down offline.

Kept apart from any feature (petitions use it; search and the question helper can take a
spoken question the same way): `audio` judges an upload by its content and decodes it,
`recognizers` chooses the recogniser named by the ``RECOGNIZER`` setting, and `limited` runs
it in a child process stopped at a time limit, so a crash or a hang in native code never takes
the worker down.
"""
