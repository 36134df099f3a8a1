"""Pages for agreements, payment decisions, recipients and appropriation items (read-only).

Each view builds :class:`bidrag.documents.tables.Table` values for what it shows; the template
shows them and ``?format=csv`` / ``?format=xlsx`` exports exactly those tables
(:mod:`bidrag.web.pages.exports`). Data is cut to the user through :mod:`bidrag.accounts.scoping`.
"""
