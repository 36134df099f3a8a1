"""Settings: ``base`` holds everything; ``dev`` (default), ``test`` and ``production`` adjust it.

Select with ``DJANGO_SETTINGS_MODULE=bidrag.settings.production``.
"""
